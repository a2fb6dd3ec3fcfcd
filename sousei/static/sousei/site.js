/* Sousei 創生 — the little the pages need from JavaScript. Everything works without it.

   Postal-code autofill: when a [data-postal-lookup] field holds seven digits, ask
   /api/v1/postal-codes/<code> and write prefecture, city and town into the form's
   [data-postal-address] field. A problem is announced in the form's [data-postal-status]
   element (an aria-live region), in the page's language; when that element carries
   data-region-code, a postal code of another municipality is flagged before sending. */
(function () {
  "use strict";

  var lang = (document.documentElement.lang || "ja").slice(0, 2);

  var TEXT = {
    ja: {
      looking: "住所を検索しています…",
      found: "住所を入力しました: ",
      outside: "この郵便番号は{place}の番号です。このプログラムは{region}にお住まいの方が対象です。",
      failed: "住所を取得できませんでした。このまま入力を続けられます。郵便番号は送信時に確認します。"
    },
    en: {
      looking: "Looking up the address…",
      found: "Address filled in: ",
      outside: "This postal code is in {place}. The program is for residents of {region}.",
      failed: "The address could not be looked up. You can go on; the postal code is checked when you send the form."
    }
  };
  var text = TEXT[lang] || TEXT.ja;

  function digitsOf(value) {
    // Full-width digits (１２３) and hyphens typed on a Japanese keyboard count too.
    return (value || "")
      .replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/[^0-9]/g, "");
  }

  function statusFor(input) {
    var form = input.form || document;
    var status = form.querySelector("[data-postal-status]");
    if (!status) {
      status = document.createElement("p");
      status.className = "postal-status";
      status.setAttribute("data-postal-status", "");
      status.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", status);
    }
    return status;
  }

  function say(status, message, isError) {
    status.textContent = message;
    status.classList.toggle("postal-status--error", !!isError);
  }

  function messageOf(body) {
    if (!body) return text.failed;
    return body["detail_" + lang] || body.detail || text.failed;
  }

  function attach(input) {
    var form = input.form || document;
    var target = form.querySelector("[data-postal-address]");
    var status = statusFor(input);
    var lastAsked = "";
    var controller = null;

    function lookup() {
      var code = digitsOf(input.value);
      if (code.length !== 7) {
        if (code.length > 7) lastAsked = "";
        return;
      }
      if (code === lastAsked) return;
      lastAsked = code;
      if (controller) controller.abort();
      controller = "AbortController" in window ? new AbortController() : null;
      say(status, text.looking, false);
      fetch("/api/v1/postal-codes/" + code, {
        headers: { "Accept": "application/json", "Accept-Language": lang },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) {
          return response.json().then(
            function (body) { return { ok: response.ok, body: body }; },
            function () { return { ok: false, body: null }; }
          );
        })
        .then(function (result) {
          if (digitsOf(input.value) !== code) return; // the user typed on meanwhile
          if (result.ok) {
            var b = result.body;
            // Japanese addresses run together: 福岡県古賀市天神.
            var address = [b.prefecture, b.city, b.town].filter(Boolean).join("");
            if (target) target.value = address;
            var regionCode = status.getAttribute("data-region-code");
            if (regionCode && b.municipality_code && b.municipality_code !== regionCode) {
              // The server decides; this only warns early that it will refuse the code.
              say(status, text.outside
                .replace("{place}", b.prefecture + b.city)
                .replace("{region}", status.getAttribute("data-region-name") || ""), true);
            } else {
              say(status, text.found + address, false);
            }
          } else {
            if (target) target.value = "";
            say(status, messageOf(result.body), true);
          }
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          lastAsked = "";
          say(status, text.failed, true);
        });
    }

    input.addEventListener("input", lookup);
    input.addEventListener("blur", lookup);
    // After a rejected submission the address field comes back empty: fill it again.
    if (digitsOf(input.value).length === 7 && target && !target.value) lookup();
  }

  function start() {
    var inputs = document.querySelectorAll("[data-postal-lookup]");
    for (var i = 0; i < inputs.length; i++) attach(inputs[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* The phone menu: the header's menu button opens and closes the navigation and the tools
   (CSS hides them on a narrow screen only once this has run, so without JavaScript they
   stay open). */
(function () {
  "use strict";

  function start() {
    var button = document.querySelector(".menu-button");
    var header = document.querySelector(".site-header");
    if (!button || !header) return;
    document.documentElement.classList.add("js");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = header.classList.toggle("site-header--open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* The grouped menus (<details> in the site menu) work by keyboard on their own; this keeps one
   open at a time, and Escape or a click elsewhere closes it. */
(function () {
  "use strict";

  function start() {
    var menus = document.querySelectorAll(".site-nav__menu");
    if (!menus.length) return;
    function closeAll(except) {
      for (var i = 0; i < menus.length; i++) {
        if (menus[i] !== except) menus[i].open = false;
      }
    }
    for (var i = 0; i < menus.length; i++) {
      menus[i].addEventListener("toggle", function (event) {
        if (event.target.open) closeAll(event.target);
      });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var open = document.querySelector(".site-nav__menu[open]");
      if (!open) return;
      open.open = false;
      open.querySelector("summary").focus();
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest || !event.target.closest(".site-nav__menu")) closeAll(null);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
