// One archetype serves every kind of plugin: a file made for one kind carries the kind in its name
// (GreeterPlugin.provider.java, permissions.middleware.perm, bnd.extension.bnd). Keep the chosen kind's
// files under their plain names and drop the other kinds'.
import java.nio.file.Files
import java.nio.file.Path

def kinds = ['provider', 'middleware', 'extension', 'integration']
def type = request.properties.getProperty('type')
Path project = Path.of(request.outputDirectory, request.artifactId)

List<Path> files = []
Files.walk(project).withCloseable { stream -> stream.filter { Files.isRegularFile(it) }.forEach { files << it } }
files.each { Path file ->
    String name = file.fileName.toString()
    kinds.each { kind ->
        String marker = '.' + kind + '.'
        if (name.contains(marker)) {
            if (kind == type) {
                Files.move(file, file.resolveSibling(name.replace(marker, '.')))
            } else {
                Files.delete(file)
            }
        }
    }
}
// a kind without files in a folder (only providers have an api package) leaves no empty folder behind
List<Path> dirs = []
Files.walk(project).withCloseable { stream -> stream.filter { Files.isDirectory(it) }.forEach { dirs << it } }
dirs.sort { -it.nameCount }.each { Path dir ->
    Files.list(dir).withCloseable { entries -> if (!entries.findAny().isPresent()) Files.delete(dir) }
}
