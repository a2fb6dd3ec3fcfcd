/* Live updates of the workplace's pages over the stream (server-sent events).
 *
 * A page opts in with an element [data-live data-stream-url=…]. Events:
 *   message / message_changed → appended to, or replaced in, [data-messages] when they belong
 *                               to this page's room or conversation;
 *   announcement              → added to [data-announcement-list];
 *   office / snapshot         → [data-office-url] re-read (the office page), or the page's
 *                               presence marks [data-presence-user] updated from the payload;
 *   snapshot {reload: true}   → too much was missed: the page reloads.
 * EventSource reconnects by itself and sends Last-Event-ID, so the server replays what was
 * missed. When EventSource is missing or keeps failing, the page polls
 * GET [data-messages-url]?after=<last id> every few seconds instead.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-live]");
  if (!root) return;
  var list = root.querySelector("[data-messages]");
  var status = root.querySelector("[data-live-status]");
  var roomId = root.getAttribute("data-room-id");
  var directWith = root.getAttribute("data-direct-with");
  var me = root.getAttribute("data-me");
  var messagesUrl = root.getAttribute("data-messages-url");
  var lastId = parseInt(root.getAttribute("data-last-id") || "0", 10);
  var lang = document.documentElement.lang || "ja";
  var failures = 0;
  var source = null;
  var pollTimer = null;
  var POLL_MS = 4000;
  var GIVE_UP_AFTER = 5;

  function say(ja, en) {
    if (status) status.textContent = lang.indexOf("ja") === 0 ? ja : en;
  }

  function belongsHere(m) {
    if (roomId) return String(m.room_id) === roomId;
    if (directWith) {
      return m.room_id === null && (
        (String(m.author_id) === directWith && String(m.recipient_id) === me) ||
        (String(m.author_id) === me && String(m.recipient_id) === directWith));
    }
    return false;
  }

  function render(m) {
    var li = document.createElement("li");
    li.className = "chat-message" + (m.deleted ? " chat-message--deleted" : "");
    li.id = "m" + m.id;
    li.setAttribute("data-message-id", m.id);
    var meta = document.createElement("p");
    meta.className = "chat-message__meta";
    var who = document.createElement("strong");
    who.textContent = m.author;
    var when = document.createElement("time");
    when.setAttribute("datetime", m.created_at || "");
    when.textContent = (m.created_at || "").slice(11, 16);
    meta.appendChild(who);
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(when);
    li.appendChild(meta);
    var text = document.createElement("p");
    if (m.deleted) {
      text.className = "muted";
      text.textContent = lang.indexOf("ja") === 0 ? "このメッセージは削除されました。" : "This message was deleted.";
    } else {
      text.className = "chat-message__text";
      text.textContent = m.text;  // text, never HTML: a message cannot inject markup
    }
    li.appendChild(text);
    return li;
  }

  function apply(m) {
    if (!list || !belongsHere(m)) return;
    var existing = document.getElementById("m" + m.id);
    if (existing) {
      var fresh = render(m);
      var form = existing.querySelector("form");
      if (form && !m.deleted) fresh.appendChild(form);
      existing.replaceWith(fresh);
    } else {
      var empty = list.querySelector("[data-empty]");
      if (empty) empty.remove();
      list.appendChild(render(m));
    }
    if (m.id > lastId) lastId = m.id;
  }

  function applyAnnouncement(a) {
    var target = document.querySelector("[data-announcement-list]");
    if (!target || document.getElementById("a" + a.id)) return;
    var empty = target.querySelector("[data-empty]");
    if (empty) empty.remove();
    var li = document.createElement("li");
    li.id = "a" + a.id;
    var link = document.createElement("a");
    link.href = a.id + "/";
    link.textContent = a.title;
    li.appendChild(link);
    target.insertBefore(li, target.firstChild);
  }

  function officeChanged(data) {
    var office = document.querySelector("[data-office-url]");
    if (office) {
      document.dispatchEvent(new CustomEvent("sousei:office-changed", { detail: data }));
      return;
    }
    var shown = data && data.presence;
    if (data && data.user_id && shown) {
      var labels = {};
      try { labels = JSON.parse(root.getAttribute("data-presence-labels") || "{}"); } catch (e) {}
      var marks = document.querySelectorAll('[data-presence-user="' + data.user_id + '"]');
      for (var i = 0; i < marks.length; i++) {
        marks[i].setAttribute("data-state", shown.state);
        marks[i].textContent = labels[shown.state] || shown.state;
      }
    }
  }

  function parse(event) {
    try { return JSON.parse(event.data); } catch (e) { return null; }
  }

  function poll() {
    if (!messagesUrl) return;
    fetch(messagesUrl + "?after=" + lastId, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (page) {
        if (page && page.items) page.items.forEach(apply);
      })
      .catch(function () {})
      .then(function () { pollTimer = window.setTimeout(poll, POLL_MS); });
  }

  function startPolling() {
    if (pollTimer !== null) return;
    say("接続が不安定なため、数秒ごとに更新しています。", "Updating every few seconds (the live connection is unavailable).");
    poll();
  }

  function connect() {
    if (!window.EventSource) { startPolling(); return; }
    source = new EventSource(root.getAttribute("data-stream-url"), { withCredentials: true });
    source.addEventListener("ready", function () {
      failures = 0;
      root.setAttribute("data-live-ready", "true");
      say("", "");
    });
    source.addEventListener("message", function (e) { var m = parse(e); if (m) apply(m); });
    source.addEventListener("message_changed", function (e) { var m = parse(e); if (m) apply(m); });
    source.addEventListener("announcement", function (e) { var a = parse(e); if (a) applyAnnouncement(a); });
    source.addEventListener("office", function (e) { officeChanged(parse(e)); });
    source.addEventListener("snapshot", function (e) {
      var d = parse(e);
      if (d && d.reload) { window.location.reload(); return; }
      officeChanged(d);
    });
    source.onerror = function () {
      root.setAttribute("data-live-ready", "false");
      failures += 1;
      if (source.readyState === EventSource.CLOSED || failures >= GIVE_UP_AFTER) {
        // The browser gave up (an HTTP error) or keeps failing: poll, and try the stream
        // again later with a growing pause.
        source.close();
        startPolling();
        var pause = Math.min(60000, 2000 * Math.pow(2, failures));
        window.setTimeout(function () {
          if (pollTimer !== null) { window.clearTimeout(pollTimer); pollTimer = null; }
          connect();
        }, pause);
      } else {
        say("再接続しています…", "Reconnecting…");
      }
    };
  }

  // Send with the keyboard and without reloading the page, when the stream is up.
  var composer = document.querySelector("[data-composer]");
  if (composer && messagesUrl) {
    var mention = composer.querySelector("select[name=mention]");
    var body = composer.querySelector("textarea[name=body]");
    if (mention && body) {
      mention.addEventListener("change", function () {
        if (mention.value) {
          body.value = (body.value ? body.value + " " : "") + "@[" + mention.value + "] ";
          mention.value = "";
          body.focus();
        }
      });
    }
    composer.addEventListener("submit", function (e) {
      if (!body || !body.value.trim() || root.getAttribute("data-live-ready") !== "true") return;
      e.preventDefault();
      var token = composer.querySelector("input[name=csrfmiddlewaretoken]").value;
      fetch(messagesUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token, Accept: "application/json" },
        body: JSON.stringify({ body: body.value })
      }).then(function (r) {
        if (r.status === 201) { body.value = ""; return r.json().then(apply); }
        composer.submit();  // let the page show the error next to the field
      }).catch(function () { composer.submit(); });
    });
  }

  connect();
})();
