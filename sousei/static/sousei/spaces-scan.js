/* Sousei 創生 — spaces: scan a booking's QR code with the camera at the front desk.

   Uses the browser's BarcodeDetector where it exists (Chrome and Edge on Android, macOS,
   ChromeOS); elsewhere the scan panel stays hidden and the code is typed. The QR holds the
   check-in URL ending in the code; the code is written into the form's field and the form
   is sent as a check-in. */
(function () {
  "use strict";

  var lang = (document.documentElement.lang || "ja").slice(0, 2);
  var TEXT = {
    ja: {
      looking: "QRコードをカメラに向けてください…",
      found: "読み取りました: ",
      denied: "カメラを使えませんでした。コードを入力してください。"
    },
    en: {
      looking: "Hold the QR code up to the camera…",
      found: "Read: ",
      denied: "The camera could not be used. Type the code instead."
    }
  };
  var text = TEXT[lang] || TEXT.ja;

  function codeOf(raw) {
    var value = String(raw || "").trim().replace(/\/+$/, "");
    var slash = value.lastIndexOf("/");
    return slash >= 0 ? value.slice(slash + 1) : value;
  }

  function setUp(panel) {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
      return;
    }
    var field = document.getElementById(panel.getAttribute("data-target"));
    var video = panel.querySelector("[data-qr-video]");
    var status = panel.querySelector("[data-qr-status]");
    var start = panel.querySelector("[data-qr-start]");
    if (!field || !video || !start) {
      return;
    }
    panel.hidden = false;
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var stream = null;

    function stop() {
      if (stream) {
        stream.getTracks().forEach(function (track) { track.stop(); });
        stream = null;
      }
      video.hidden = true;
    }

    function scan() {
      if (!stream) {
        return;
      }
      detector.detect(video).then(function (codes) {
        if (codes.length) {
          var code = codeOf(codes[0].rawValue);
          field.value = code;
          status.textContent = text.found + code;
          stop();
          var form = field.form;
          var submit = form && form.querySelector("button[value='check_in']");
          if (form && form.requestSubmit) {
            form.requestSubmit(submit || undefined);
          } else if (form) {
            form.submit();
          }
          return;
        }
        window.requestAnimationFrame(scan);
      }).catch(function () {
        window.requestAnimationFrame(scan);
      });
    }

    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          video.hidden = false;
          status.textContent = text.looking;
          return video.play();
        })
        .then(scan)
        .catch(function () {
          status.textContent = text.denied;
          stop();
        });
    });
  }

  document.querySelectorAll("[data-qr-scan]").forEach(setUp);
})();
