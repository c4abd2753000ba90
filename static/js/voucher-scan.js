/*
 * Progressive enhancement for the provider portal's "Accept a voucher" page: when the
 * browser has the BarcodeDetector API and a camera, offer a button that reads the QR
 * code on a voucher into the code field. Without JavaScript, without BarcodeDetector
 * or without a camera nothing changes: the typed field is all there is. The code is
 * only put into the form field; it is never put in a URL or stored.
 */
(function () {
  "use strict";

  function start() {
    var box = document.querySelector("[data-voucher-scan]");
    var field = document.querySelector("[data-voucher-code]");
    if (!box || !field) return;
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices ||
        typeof navigator.mediaDevices.getUserMedia !== "function") {
      return;
    }
    var startButton = box.querySelector("[data-voucher-scan-start]");
    var stopButton = box.querySelector("[data-voucher-scan-stop]");
    var video = box.querySelector("[data-voucher-scan-video]");
    var status = box.querySelector("[data-voucher-scan-status]");
    var stream = null;
    var timer = null;
    var detector;
    try {
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (error) {
      return;
    }
    box.hidden = false;

    // The voucher's QR code holds the code itself, or a text that contains it.
    var pattern = /[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}/;

    function stop() {
      if (timer !== null) {
        window.clearInterval(timer);
        timer = null;
      }
      if (stream) {
        stream.getTracks().forEach(function (track) { track.stop(); });
        stream = null;
      }
      video.hidden = true;
      stopButton.hidden = true;
      startButton.hidden = false;
    }

    function scan() {
      detector.detect(video).then(function (codes) {
        for (var i = 0; i < codes.length; i += 1) {
          var found = pattern.exec(codes[i].rawValue || "");
          if (found) {
            field.value = found[0].toUpperCase();
            status.textContent = status.getAttribute("data-text-found");
            stop();
            field.focus();
            return;
          }
        }
      }).catch(function () { /* try again on the next frame */ });
    }

    startButton.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          video.hidden = false;
          startButton.hidden = true;
          stopButton.hidden = false;
          return video.play();
        })
        .then(function () {
          timer = window.setInterval(scan, 300);
        })
        .catch(function () {
          stop();
          status.textContent = status.getAttribute("data-text-error");
          field.focus();
        });
    });
    stopButton.addEventListener("click", function () {
      stop();
      startButton.focus();
    });
    window.addEventListener("pagehide", stop);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
