package org.gcommon.plugin.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The admin token's file: created once with a random token, readable and writable by its owner only,
 * then read at every start. The token never changes by itself; deleting the file and restarting makes
 * a new one.
 */
final class AdminTokenFile {

    static final String NAME = "admin.token";

    /** 256 bits: as strong as the SHA-256 the token is compared through. */
    private static final int TOKEN_BYTES = 32;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AdminTokenFile() {
    }

    /**
     * @param file where the token is kept
     * @return the token: read from the file, or, when the file does not exist, generated and written to it
     * @throws IOException when the file cannot be read or written, or holds no token
     */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                create(file);
            } catch (FileAlreadyExistsException e) {
                // another start created it a moment ago: read that one
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String token = lines.isEmpty() ? "" : lines.get(0).strip();
        if (token.isEmpty()) {
            throw new IOException(file + " holds no token: delete it and restart the container to get a new one");
        }
        return token;
    }

    /**
     * @param file the token file
     * @return whether users other than the owner may read it (where the file system can tell)
     */
    static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        // Written under a temporary name created owner-only from the start, then moved: the token is
        // never readable by others, not even for a moment, and a crash never leaves half a token.
        Path tmp = ownerOnlyTempFile(file);
        try {
            Files.writeString(tmp, token + System.lineSeparator(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path ownerOnlyTempFile(Path file) throws IOException {
        try {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createTempFile(file.getParent(), "." + NAME, ".tmp", ownerOnly);
        } catch (UnsupportedOperationException e) {
            Path tmp = Files.createTempFile(file.getParent(), "." + NAME, ".tmp");
            tmp.toFile().setReadable(false, false);
            tmp.toFile().setReadable(true, true);
            return tmp;
        }
    }
}
