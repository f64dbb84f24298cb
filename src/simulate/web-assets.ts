/**
 * The browser side of `ptk simulate --serve`, served by the server itself (no CDN, no fonts, no
 * images from elsewhere). Plain DOM code; participant and inject text only ever goes in textContent.
 */
export const CLIENT_CSS = `
:root { --ink: #0b0c0c; --muted: #505a5f; --line: #b1b4b6; --accent: #1d70b8; --soft: #f3f2f1; --warn: #d4351c; }
* { box-sizing: border-box; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: var(--ink); margin: 0; padding: 1rem; }
header { border-bottom: 2px solid var(--line); margin-bottom: 1rem; }
h1 { margin: 0 0 .25rem; font-size: 1.5rem; } h2 { font-size: 1.15rem; }
.narrow { max-width: 28rem; margin: 2rem auto; }
.columns { display: grid; gap: 1rem; grid-template-columns: 1fr 1fr; }
.columns.three { grid-template-columns: repeat(3, 1fr); }
@media (max-width: 50rem) { .columns, .columns.three { grid-template-columns: 1fr; } }
label { display: block; font-weight: 600; margin-top: .5rem; }
input, select, textarea { font: inherit; width: 100%; padding: .35rem; border: 2px solid var(--ink); }
button { font: inherit; margin-top: .5rem; padding: .4rem .8rem; background: var(--accent); color: #fff; border: 0; cursor: pointer; }
button:disabled { background: var(--line); cursor: default; }
.items { list-style: none; padding: 0; }
.item { border: 1px solid var(--line); padding: .5rem; margin-bottom: .5rem; }
.item.waiting { border-left: 6px solid var(--warn); }
.item .meta { color: var(--muted); font-size: .9em; }
.item .replies { border-top: 1px dashed var(--line); margin-top: .4rem; padding-top: .3rem; }
.item .reply-line { background: var(--soft); padding: .25rem .4rem; margin: .2rem 0; }
.clock { font-variant-numeric: tabular-nums; font-weight: 700; }
.mentions strong { font-size: 1.3em; color: var(--warn); }
.error { color: var(--warn); font-weight: 600; }
form.reply { position: sticky; bottom: 0; background: #fff; border-top: 2px solid var(--line); padding-top: .5rem; }
`;

export const CLIENT_JS = `'use strict';
(function () {
  var body = document.body;
  var view = body.dataset.view;
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function clock(s) { s = Math.max(0, Math.round(s)); return 'T+' + String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0'); }
  function duration(s) { s = Math.max(0, Math.round(s)); var m = Math.floor(s / 60), r = s % 60; return m === 0 ? r + 's' : r === 0 ? m + 'm' : m + 'm ' + r + 's'; }
  var LABELS = { social: 'Social media', phone: 'Phone call', email: 'E-mail', news: 'News', minister: "Minister's office", web: 'Website' };
  var headers = { 'content-type': 'application/json' };
  function post(path, data) {
    return fetch(path, { method: 'POST', headers: headers, body: JSON.stringify(data || {}) }).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || 'failed'); return j; });
    });
  }
  function showError(e) { var p = $('error') || $('join-error'); if (p) p.textContent = e ? e.message : ''; }

  // the clock ticks here between updates; the server's state is the record
  var last = null, lastAt = 0;
  setInterval(function () {
    if (!last || !$('clock')) return;
    var s = last.elapsed + (last.phase === 'running' ? ((performance.now() - lastAt) / 1000) * last.speed : 0);
    $('clock').textContent = clock(Math.min(s, last.endAt));
  }, 250);
  function listen(url, render) {
    var source = new EventSource(url);
    source.addEventListener('state', function (event) {
      last = JSON.parse(event.data); lastAt = performance.now();
      $('clock').textContent = clock(last.elapsed);
      render(last);
    });
  }

  if (view === 'join') {
    $('join').addEventListener('submit', function (event) {
      event.preventDefault();
      post('/api/join', { team: $('team-name').value, code: $('join-code').value.trim().toUpperCase() })
        .then(function (r) { location.href = r.url; }, showError);
    });
  }

  if (view === 'facilitator') {
    headers['x-ptk-key'] = body.dataset.key;
    function act(path, data) { showError(null); return post(path, data).catch(showError); }
    $('start').onclick = function () { act('/api/start'); };
    $('pause').onclick = function () { act('/api/pause'); };
    $('resume').onclick = function () { act('/api/resume'); };
    $('end').onclick = function () { act('/api/end'); };
    $('reserve-form').addEventListener('submit', function (e) { e.preventDefault(); if ($('reserve').value) act('/api/inject', { reserveId: $('reserve').value }); });
    $('live-form').addEventListener('submit', function (e) {
      e.preventDefault();
      act('/api/inject', { channel: $('live-channel').value, from: $('live-from').value, text: $('live-text').value }).then(function () { $('live-text').value = ''; });
    });
    listen('/events?key=' + encodeURIComponent(body.dataset.key), function (s) {
      $('phase').textContent = s.phase;
      $('start').disabled = s.phase !== 'waiting';
      $('pause').disabled = s.phase !== 'running';
      $('resume').disabled = s.phase !== 'paused';
      $('end').disabled = s.phase === 'ended';
      var teams = $('teams'); teams.textContent = '';
      if (s.teams.length === 0) teams.appendChild(el('li', '', 'No team has joined yet.'));
      s.teams.forEach(function (t) { teams.appendChild(el('li', 'team', t.name + ': ' + t.replies + ' replies, ' + t.waiting + ' waiting')); });
      var reserve = $('reserve'), chosen = reserve.value; reserve.textContent = '';
      s.reserve.forEach(function (r) { var o = el('option', '', r.id + ' (' + LABELS[r.channel] + ', ' + r.from + ')'); o.value = r.id; reserve.appendChild(o); });
      if (chosen) reserve.value = chosen;
      var list = $('injects'); list.textContent = '';
      s.injects.forEach(function (i) { list.appendChild(el('li', '', '#' + i.number + ' ' + clock(i.at) + ' ' + LABELS[i.channel] + ', ' + i.from + (i.source === 'scheduled' ? '' : ' (' + i.source + ')'))); });
      if (s.debriefs.length > 0) {
        var d = $('debriefs'); d.textContent = '';
        s.debriefs.forEach(function (x) { var li = el('li'); var a = el('a', '', 'Debrief: ' + x.team); a.href = '/debrief/' + x.file + '?key=' + encodeURIComponent(body.dataset.key); li.appendChild(a); d.appendChild(li); });
      }
    });
  }

  if (view === 'team') {
    headers['x-ptk-code'] = body.dataset.code;
    var team = body.dataset.team, typingSince = null, picked = null;
    $('reply-text').addEventListener('input', function () {
      if ($('reply-text').value === '') typingSince = null; else if (typingSince === null) typingSince = performance.now();
    });
    $('reply-to').addEventListener('change', function () { picked = $('reply-to').value; });
    $('reply-form').addEventListener('submit', function (e) {
      e.preventDefault(); showError(null);
      var typingMs = typingSince === null ? null : performance.now() - typingSince;
      post('/api/reply', { team: team, to: Number($('reply-to').value), text: $('reply-text').value, typingMs: typingMs }).then(function () {
        $('reply-text').value = ''; typingSince = null; picked = null;
      }, showError);
    });
    listen('/events?code=' + encodeURIComponent(body.dataset.code) + '&team=' + encodeURIComponent(team), function (s) {
      $('phase').textContent = s.phase === 'waiting' ? 'waiting for the facilitator' : s.phase;
      $('mentions').textContent = (s.mentions || 0).toLocaleString('en-GB');
      ['feed', 'inbox', 'phone'].forEach(function (id) { $(id).textContent = ''; });
      s.injects.slice().reverse().forEach(function (i) {
        var list = i.channel === 'social' || i.channel === 'news' ? 'feed' : i.channel === 'phone' ? 'phone' : 'inbox';
        var item = el('li', 'item' + (i.expectsResponse && i.responses === 0 ? ' waiting' : ''));
        item.id = 'inject-' + i.number;
        item.appendChild(el('div', 'meta', '#' + i.number + ' ' + clock(i.at) + ' ' + LABELS[i.channel] + (i.mentionCount !== undefined ? ' · ' + i.mentionCount.toLocaleString('en-GB') + ' mentions' : '')));
        item.appendChild(el('strong', 'from', i.from));
        item.appendChild(el('p', 'text', i.text));
        if (i.replies.length > 0) {
          var replies = el('div', 'replies');
          i.replies.forEach(function (r) { replies.appendChild(el('p', 'reply-line', clock(r.at) + ' (' + duration(r.responseSeconds) + ' after): ' + r.text)); });
          item.appendChild(replies);
        }
        $(list).appendChild(item);
      });
      var select = $('reply-to'); select.textContent = '';
      s.injects.slice().reverse().forEach(function (i) {
        var o = el('option', '', '#' + i.number + ' ' + LABELS[i.channel] + ', ' + i.from + (i.expectsResponse && i.responses === 0 ? ' (waiting)' : ''));
        o.value = String(i.number); select.appendChild(o);
      });
      select.value = picked !== null && s.injects.some(function (i) { return String(i.number) === picked; }) ? picked : s.defaultTarget === null ? '' : String(s.defaultTarget);
      $('reply-form').querySelector('button').disabled = s.phase === 'ended' || s.phase === 'waiting' || s.injects.length === 0;
    });
  }
})();
`;
