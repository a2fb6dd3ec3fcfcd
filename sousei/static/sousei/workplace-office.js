/* The virtual office page: heartbeats and a fallback refresh. The page works without it.

   Every 50 s it tells the server whether the person used the page since the last beat
   (active) or not (idle), as Zulip does; the server reads them as away after 5 minutes
   idle and offline 140 s after the last beat. Every 15 s it reads the office from
   GET /api/v1/regions/<slug>/office and redraws who is in each room, so statuses that
   expired and people who went offline disappear by themselves. The live stream replaces
   the polling when it is connected. */
(function () {
  "use strict";

  var live = document.getElementById("office-live");
  if (!live || !window.fetch) { return; }
  var labelsNode = document.getElementById("office-state-labels");
  var labels = labelsNode ? JSON.parse(labelsNode.textContent) : {};
  var lang = (document.documentElement.lang || "ja").slice(0, 2);
  var TEXT = {
    ja: { dnd: "応答不可", nobody: "この部屋には誰もいません。", you: "（あなた）", none: "いません。", offline: "オフライン（{n}人）" },
    en: { dnd: "Do not disturb", nobody: "No one in this room.", you: "(you)", none: "No one.", offline: "Offline ({n} people)" }
  };
  var text = TEXT[lang] || TEXT.ja;
  var active = false;
  var heartbeatMs = (parseInt(live.dataset.heartbeatSeconds, 10) || 50) * 1000;
  var pollMs = (parseInt(live.dataset.pollSeconds, 10) || 15) * 1000;
  var slugPath = live.dataset.officeUrl.replace(/\/office$/, "");

  ["keydown", "pointerdown", "pointermove", "scroll", "focus"].forEach(function (name) {
    window.addEventListener(name, function () { active = true; }, { passive: true });
  });

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": live.dataset.csrf },
      body: JSON.stringify(body)
    });
  }

  function beat() {
    var wasActive = active || document.hasFocus();
    active = false;
    post(live.dataset.heartbeatUrl, { active: wasActive }).catch(function () {});
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  function personItem(person, me) {
    var li = el("li", "office-person" + (person.user_id === me ? " office-person--me" : ""));
    li.dataset.user = person.user_id;
    var avatar = el("span", "avatar", person.initials);
    avatar.setAttribute("aria-hidden", "true");
    li.appendChild(avatar);
    var body = el("span", "office-person__body");
    var link = el("a", "office-person__name", person.name);
    link.href = slugPath.replace("/api/v1/regions/", "/r/") + "/workplace/people/" + person.user_id + "/";
    body.appendChild(link);
    if (person.user_id === me) { body.appendChild(el("span", "muted small", text.you)); }
    body.appendChild(el("span", "badge presence presence--" + person.state, labels[person.state] || person.state));
    if (person.do_not_disturb) { body.appendChild(el("span", "badge presence presence--dnd", text.dnd)); }
    if (person.status_text || person.status_emoji) {
      body.appendChild(el("span", "office-status", (person.status_emoji ? person.status_emoji + " " : "") + person.status_text));
    }
    li.appendChild(body);
    return li;
  }

  function fill(list, people, me, emptyText, container) {
    var ul = el("ul", "office-people");
    people.forEach(function (p) { ul.appendChild(personItem(p, me)); });
    if (list) { list.replaceWith(people.length ? ul : el("p", "muted small", emptyText)); }
    else if (container) { container.appendChild(people.length ? ul : el("p", "muted small", emptyText)); }
  }

  function redraw(office) {
    var me = null;
    var byId = {};
    office.people.forEach(function (p) { byId[p.user_id] = p; });
    var rooms = live.querySelectorAll(".office-room");
    var shown = Array.prototype.map.call(rooms, function (r) { return r.getAttribute("aria-labelledby"); }).join(",");
    var wanted = office.rooms.map(function (r) { return "room-" + r.id; }).join(",");
    if (shown !== wanted) { window.location.reload(); return; }
    var mine = live.querySelector(".office-person--me");
    if (mine) { me = parseInt(mine.dataset.user, 10); }
    office.rooms.forEach(function (room, i) {
      var section = rooms[i];
      var old = section.querySelector(".office-people, p.muted");
      fill(old, room.people.map(function (id) { return byId[id]; }).filter(Boolean), me, text.nobody);
    });
    var online = office.people.filter(function (p) { return p.state !== "offline" && p.room_id === null; });
    var elsewhere = live.querySelector(".office-elsewhere");
    if (elsewhere) { fill(elsewhere.querySelector(".office-people, p.muted"), online, me, text.none); }
    var offline = office.people.filter(function (p) { return p.state === "offline"; });
    var details = live.querySelector(".office-offline");
    if (details) {
      details.querySelector("summary").textContent = text.offline.replace("{n}", offline.length);
      var list = details.querySelector(".office-people");
      fill(list, offline, me, "", null);
    }
  }

  function poll() {
    fetch(live.dataset.officeUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (office) { if (office) { redraw(office); } })
      .catch(function () {});
  }

  beat();
  window.setInterval(beat, heartbeatMs);
  window.setInterval(poll, pollMs);
  // The live stream (workplace-live.js) says when someone's presence or room changed.
  document.addEventListener("sousei:office-changed", poll);
  window.sousei = window.sousei || {};
  window.sousei.officePoll = poll;
})();
