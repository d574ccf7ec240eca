// The gcommon console page: reads GET /health, /api/plugins and /api/events, refreshes them every
// few seconds, and calls the mutating endpoints with the admin token kept in sessionStorage.
// Every value from the API reaches the page as text (textContent, setAttribute), never as markup.
'use strict';

(function () {
  const REFRESH_MS = 5000;
  const EVENTS_SHOWN = 20;
  const TOKEN_KEY = 'gcommon.console.adminToken';
  // what the buttons offer in each state; the container has the last word (409 when it disagrees)
  const STOPPABLE = new Set(['ACTIVE', 'STARTING', 'FAILED']);
  const NOT_STARTABLE = new Set(['ACTIVE', 'STARTING', 'STOPPING', 'REJECTED']);

  const rows = new Map();      // plugin name -> {body, cells, buttons, detailsKey}
  const busy = new Set();      // plugin names with an action under way
  let refreshTimer = null;

  // ---- small DOM helpers ----

  function $(id) {
    return document.getElementById(id);
  }

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null && value !== false) {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null) {
        continue;
      }
      node.appendChild(typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function setText(node, text) {
    const value = text === undefined || text === null ? '' : String(text);
    if (node.textContent !== value) {
      node.textContent = value;
    }
  }

  function time(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso || '') : date.toLocaleString();
  }

  function bytes(n) {
    if (typeof n !== 'number') {
      return String(n);
    }
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? String(value) : value.toFixed(1)) + ' ' + units[unit];
  }

  // ---- the admin token ----

  function token() {
    try {
      return sessionStorage.getItem(TOKEN_KEY) || '';
    } catch (e) {
      return '';
    }
  }

  function setToken(value) {
    try {
      if (value) {
        sessionStorage.setItem(TOKEN_KEY, value);
      } else {
        sessionStorage.removeItem(TOKEN_KEY);
      }
    } catch (e) {
      showMessage('error', 'This browser does not let the page keep the token (session storage is off).',
        String(e), 'Allow site data for this page, or use bin/gcommon from the command line.');
    }
    showTokenState();
  }

  function showTokenState() {
    setText($('token-state'), token()
      ? 'A token is set for this browser tab; actions send it.'
      : 'No token set: the page only reads. Actions will be refused (401) until you enter the token.');
  }

  // ---- talking to the API ----

  /** @return {status, ok, json} where json is the parsed body or null; throws only when the container cannot be reached */
  async function api(method, path, body, contentType) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      const current = token();
      if (current) {
        headers.Authorization = 'Bearer ' + current;
      }
      if (contentType) {
        headers['Content-Type'] = contentType;
      }
    }
    const response = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'same-origin' });
    let json = null;
    if ((response.headers.get('Content-Type') || '').includes('json')) {
      try {
        json = await response.json();
      } catch (e) {
        json = null;
      }
    }
    return { status: response.status, ok: response.ok, json };
  }

  function pluginPath(name, suffix) {
    return '/api/plugins/' + encodeURIComponent(name) + (suffix || '');
  }

  // ---- messages ----

  function showMessage(kind, title, error, fix, list) {
    const box = $('action-message');
    box.className = 'message ' + kind;
    setText(box.querySelector('.message-title'), title);
    setText(box.querySelector('.message-error'), error || '');
    setText(box.querySelector('.message-fix'), fix ? 'Fix: ' + fix : '');
    box.querySelector('.message-list').replaceChildren(...(list || []).map((line) => el('li', {}, String(line))));
    box.hidden = false;
  }

  /** Shows what an action's answer says: the management result, or the API's error and fix. */
  function showResult(what, answer) {
    const json = answer.json || {};
    if (answer.status === 401) {
      showMessage('error',
        'Not allowed: ' + what + ' needs the admin token, and the page has none or a wrong one. '
          + "Enter the token from etc/admin.token in the container's home under \u201cAdmin token\u201d.",
        json.error, json.fix);
      return;
    }
    const messages = Array.isArray(json.messages) ? json.messages : [];
    if (answer.ok && json.outcome) {
      const state = json.state ? ' (state ' + json.state + ')' : '';
      showMessage('ok', what + ': ' + json.outcome + state, '', '', messages);
    } else if (answer.ok) {
      showMessage('ok', what + ': done', '', '', messages);
    } else if (json.outcome) {
      showMessage('error', what + ': ' + json.outcome + (json.state ? ' (state ' + json.state + ')' : '')
        + ', HTTP ' + answer.status, json.error, json.fix, messages);
    } else {
      showMessage('error', what + ' failed (HTTP ' + answer.status + ')',
        json.error || 'the container answered without an explanation', json.fix, messages);
    }
  }

  async function act(name, what, method, path, body, contentType) {
    if (name) {
      busy.add(name);
      updateButtons(name);
    }
    try {
      showResult(what, await api(method, path, body, contentType));
    } catch (e) {
      showMessage('error', what + ' failed: the container could not be reached', String(e),
        'check that the container is running and try again');
    } finally {
      if (name) {
        busy.delete(name);
      }
      refreshSoon();
    }
  }

  function start(name) {
    return act(name, 'Start ' + name, 'POST', pluginPath(name, '/start'));
  }

  function stop(name) {
    return act(name, 'Stop ' + name, 'POST', pluginPath(name, '/stop'));
  }

  function uninstall(name) {
    if (!window.confirm('Uninstall ' + name + '? Its jar is removed from deploy/.')) {
      return Promise.resolve();
    }
    return act(name, 'Uninstall ' + name, 'DELETE', pluginPath(name));
  }

  function update(name, file) {
    return act(name, 'Update ' + name + ' with ' + file.name, 'POST',
      pluginPath(name, '/update?file=' + encodeURIComponent(file.name)), file, 'application/java-archive');
  }

  function install(file) {
    return act(null, 'Install ' + file.name, 'POST', '/api/plugins?file=' + encodeURIComponent(file.name),
      file, 'application/java-archive');
  }

  // ---- the plugin table ----

  function createRow(name) {
    const cells = {
      version: el('td', { class: 'col-version' }),
      type: el('td', { class: 'col-type' }),
      state: el('td', { class: 'col-state' }),
      health: el('td', { class: 'col-health' }),
      usage: el('td', { class: 'col-usage' }),
    };
    cells.stateText = el('span', { class: 'state' });
    cells.stateNote = el('div', { class: 'muted state-note' });
    cells.state.append(cells.stateText, cells.stateNote);
    cells.healthStatus = el('span', { class: 'health-status' });
    cells.healthMessage = el('div', { class: 'health-message' });
    cells.health.append(cells.healthStatus, cells.healthMessage);

    const buttons = {
      start: el('button', { type: 'button', 'aria-label': 'Start ' + name }, 'Start'),
      stop: el('button', { type: 'button', 'aria-label': 'Stop ' + name }, 'Stop'),
      update: el('input', { type: 'file', class: 'visually-hidden', accept: '.jar,application/java-archive',
        'aria-label': 'Update ' + name + ' with a jar' }),
      uninstall: el('button', { type: 'button', class: 'danger', 'aria-label': 'Uninstall ' + name }, 'Uninstall'),
    };
    buttons.start.addEventListener('click', () => start(name));
    buttons.stop.addEventListener('click', () => stop(name));
    buttons.uninstall.addEventListener('click', () => uninstall(name));
    buttons.update.addEventListener('change', () => {
      const file = buttons.update.files && buttons.update.files[0];
      buttons.update.value = '';
      if (file) {
        update(name, file);
      }
    });
    const updateLabel = el('label', { class: 'button' }, 'Update\u2026', buttons.update);

    const details = el('details', {}, el('summary', {}, 'Permissions, limits and details of ' + name));
    const detailsBody = el('div', { class: 'details-body' });
    details.appendChild(detailsBody);

    const body = el('tbody', {},
      el('tr', { class: 'plugin' },
        el('th', { scope: 'row' }, name),
        cells.version, cells.type, cells.state, cells.health, cells.usage,
        el('td', { class: 'col-actions actions' }, buttons.start, buttons.stop, updateLabel, buttons.uninstall)),
      el('tr', { class: 'details' }, el('td', { colspan: 7 }, details)));
    return { body, cells, buttons, detailsBody, detailsKey: null, usage: null, state: null };
  }

  function updateButtons(name) {
    const row = rows.get(name);
    if (!row) {
      return;
    }
    const pending = busy.has(name);
    row.buttons.start.disabled = pending || NOT_STARTABLE.has(row.state);
    row.buttons.stop.disabled = pending || !STOPPABLE.has(row.state);
    row.buttons.update.disabled = pending;
    row.buttons.uninstall.disabled = pending;
    row.body.setAttribute('aria-busy', pending ? 'true' : 'false');
  }

  function usageSummary(limits) {
    const parts = [];
    if (limits.threads !== undefined) {
      parts.push('threads ' + limits.threads + (limits['threads.max'] !== undefined ? ' of ' + limits['threads.max'] : ''));
    }
    if (limits['cpu.percent'] !== undefined) {
      parts.push('CPU ' + limits['cpu.percent'] + ' %'
        + (limits['cpu.percent.max'] !== undefined ? ' of ' + limits['cpu.percent.max'] + ' %' : ''));
    }
    if (limits['allocated.bytes'] !== undefined) {
      parts.push('allocated ' + bytes(limits['allocated.bytes']));
    }
    return parts.length ? parts : ['\u2014'];
  }

  function list(title, items, empty) {
    const values = Array.isArray(items) ? items : [];
    return [
      el('h3', {}, title + ' (' + values.length + ')'),
      values.length ? el('ul', {}, values.map((item) => el('li', { class: 'mono' }, String(item))))
        : el('p', { class: 'muted' }, empty),
    ];
  }

  function definitions(map) {
    const entries = Object.entries(map || {}).filter(([, value]) => value !== undefined && value !== null);
    if (!entries.length) {
      return el('p', { class: 'muted' }, 'none');
    }
    return el('dl', { class: 'limits' }, entries.map(([key, value]) => [
      el('dt', {}, key),
      el('dd', {}, typeof value === 'object' ? JSON.stringify(value) : String(value)),
    ]));
  }

  function renderDetails(p) {
    const permissions = p.permissions || {};
    const health = p.health || {};
    const denials = Array.isArray(p.denials) ? p.denials : [];
    return [
      el('h3', {}, 'Bundle'),
      definitions({
        'bundle id': p.bundleId,
        'symbolic name': p.symbolicName,
        location: p.location,
        'provider of': p.providerType,
        ranking: p.ranking,
        'state since': time(p.stateSince),
      }),
      p.lastError ? [el('h3', {}, 'Last error'), el('p', { class: 'mono' }, p.lastError)] : [],
      p.lastUpdate ? [el('h3', {}, 'Last update'), definitions({
        version: p.lastUpdate.version,
        outcome: p.lastUpdate.outcome,
        reason: p.lastUpdate.reason,
        time: time(p.lastUpdate.time),
      })] : [],
      Array.isArray(p.reasons) && p.reasons.length ? list('Reasons', p.reasons, '') : [],
      el('h3', {}, 'Health details'),
      definitions(health.details),
      list('Declared permissions', permissions.declared, 'none declared (OSGI-INF/permissions.perm)'),
      list('Granted permissions', permissions.granted, 'none granted in etc/'),
      list('Effective permissions', permissions.effective, 'none'),
      permissions.enforcement ? el('p', { class: 'muted' }, 'Enforcement: ' + permissions.enforcement) : [],
      el('h3', {}, 'Usage and limits'),
      definitions(p.limits),
      el('h3', {}, 'Denials (' + denials.length + ')'),
      denials.length
        ? el('ul', {}, denials.map((d) => el('li', {},
          el('span', { class: 'mono' }, String(d.permission)),
          ' \u2014 ' + d.count + ' time(s), last ' + time(d.lastTime),
          d.fix ? el('div', { class: 'muted' }, 'Fix: ' + d.fix) : null)))
        : el('p', { class: 'muted' }, 'none'),
    ];
  }

  function updateRow(row, p) {
    const health = p.health || {};
    row.state = p.state;
    setText(row.cells.version, p.version);
    setText(row.cells.type, p.type);
    setText(row.cells.stateText, p.state);
    row.cells.stateText.className = 'state state-' + p.state;
    const update = p.lastUpdate || {};
    const note = p.lastError || (Array.isArray(p.reasons) && p.reasons.length ? p.reasons[0] : '')
      || (update.outcome === 'ROLLED_BACK'
        ? 'update to ' + update.version + ' rolled back' + (update.reason ? ': ' + update.reason : '') : '');
    setText(row.cells.stateNote, note);
    setText(row.cells.healthStatus, health.status);
    row.cells.healthStatus.className = 'health-status health-' + health.status;
    setText(row.cells.healthMessage, health.message);
    const usage = usageSummary(p.limits || {});
    if (usage.join('\n') !== row.usage) {
      row.usage = usage.join('\n');
      row.cells.usage.replaceChildren(...usage.map((line) => el('div', {}, line)));
    }

    // rebuilt only when something in it changed, so an open <details> is not disturbed
    const detailsKey = JSON.stringify([p.bundleId, p.symbolicName, p.location, p.providerType, p.ranking,
      p.stateSince, p.lastError, p.lastUpdate, p.reasons, health.details, p.permissions, p.limits, p.denials]);
    if (detailsKey !== row.detailsKey) {
      row.detailsKey = detailsKey;
      row.detailsBody.replaceChildren(...renderDetails(p).flat(Infinity));
    }
    updateButtons(p.name);
  }

  function renderPlugins(plugins) {
    const table = $('plugins');
    const seen = new Set();
    plugins.forEach((p) => {
      const name = String(p.name);
      seen.add(name);
      let row = rows.get(name);
      if (!row) {
        row = createRow(name);
        rows.set(name, row);
      }
      updateRow(row, p);
    });
    for (const [name, row] of rows) {
      if (!seen.has(name)) {
        row.body.remove();
        rows.delete(name);
      }
    }
    // put the bodies in the API's order, moving only those out of place (a moved node loses focus)
    let previous = table.tHead;
    plugins.forEach((p) => {
      const body = rows.get(String(p.name)).body;
      if (previous.nextSibling !== body) {
        previous.after(body);
      }
      previous = body;
    });

    const active = plugins.filter((p) => p.state === 'ACTIVE').length;
    setText($('plugins-status'), plugins.length
      ? plugins.length + ' plugin(s), ' + active + ' active.'
      : 'No plugins are installed: drop a jar into deploy/ or install one below.');
  }

  // ---- events and health ----

  function renderEvents(answer) {
    const target = $('events');
    if (answer.status === 404) {
      target.replaceChildren();
      setText($('events-status'), 'This container keeps no event history (GET /api/events answered 404).');
      return;
    }
    if (!answer.ok || !answer.json || !Array.isArray(answer.json.events)) {
      target.replaceChildren();
      const json = answer.json || {};
      setText($('events-status'), 'Events could not be read (HTTP ' + answer.status + ')'
        + (json.error ? ': ' + json.error : '') + (json.fix ? ' Fix: ' + json.fix : ''));
      return;
    }
    const events = answer.json.events;
    setText($('events-status'), events.length ? '' : 'No events yet.');
    target.replaceChildren(...events.map((e) => el('li', {},
      el('time', { datetime: e.time }, time(e.time)),
      el('span', { class: 'kind' }, String(e.kind || '')),
      e.plugin ? el('span', { class: 'plugin' }, String(e.plugin) + ': ') : null,
      String(e.message || ''))));
  }

  function renderHealth(answer) {
    const json = answer.json || {};
    const target = $('container-health');
    if (!json.status) {
      setText(target, 'Container health unknown (GET /health answered ' + answer.status + ').');
      return;
    }
    const problems = Array.isArray(json.runtimeProblems) ? json.runtimeProblems : [];
    setText(target, 'Container: ' + json.status + (problems.length ? ' \u2014 ' + problems.join('; ') : ''));
    target.className = 'summary health-' + json.status;
  }

  // ---- refreshing ----

  async function refresh() {
    clearTimeout(refreshTimer);
    try {
      const [health, plugins, events] = await Promise.all([
        api('GET', '/health'),
        api('GET', '/api/plugins'),
        api('GET', '/api/events?limit=' + EVENTS_SHOWN),
      ]);
      renderHealth(health);
      if (plugins.ok && plugins.json && Array.isArray(plugins.json.plugins)) {
        renderPlugins(plugins.json.plugins);
      } else {
        const json = plugins.json || {};
        setText($('plugins-status'), 'The plugin list could not be read (HTTP ' + plugins.status + ')'
          + (json.error ? ': ' + json.error : '') + (json.fix ? ' Fix: ' + json.fix : ''));
      }
      renderEvents(events);
      setText($('refreshed'), 'Updated ' + new Date().toLocaleTimeString() + ', every ' + REFRESH_MS / 1000 + ' s.');
    } catch (e) {
      setText($('refreshed'), 'Cannot reach the container (' + e + '); trying again every '
        + REFRESH_MS / 1000 + ' s.');
    } finally {
      refreshTimer = setTimeout(refresh, REFRESH_MS);
    }
  }

  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 0);
  }

  // ---- wiring ----

  document.addEventListener('DOMContentLoaded', () => {
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = $('token-input');
      const value = input.value.trim();
      input.value = '';
      setToken(value);
    });
    $('token-forget').addEventListener('click', () => setToken(''));
    $('install-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = $('install-file');
      const file = input.files && input.files[0];
      if (file) {
        input.value = '';
        install(file);
      }
    });
    showTokenState();
    refresh();
  });
}());
