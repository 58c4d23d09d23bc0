/* A drawn signature on a <canvas>: mouse, touch and pen through Pointer Events, no library.
   On submit the drawing is put into the hidden input as a PNG data URL; an empty pad sends nothing. */
(function () {
  "use strict";
  const canvas = document.getElementById("signature-pad");
  if (!canvas) return;
  const input = document.getElementById("id_signature");
  const state = document.getElementById("signature-state");
  const form = canvas.closest("form");
  const ctx = canvas.getContext("2d");
  let drawing = false;
  let drawn = false;
  let last = null;

  function scale() {
    // Draw in canvas pixels whatever the CSS size (tablets, zoom).
    const ratio = window.devicePixelRatio || 1;
    const rect = canvas.getBoundingClientRect();
    const snapshot = drawn ? canvas.toDataURL("image/png") : null;
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineWidth = 2.2;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#000";
    if (snapshot) {
      const img = new Image();
      img.onload = function () { ctx.drawImage(img, 0, 0, rect.width, rect.height); };
      img.src = snapshot;
    }
  }

  function point(event) {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  function setState(signed) {
    drawn = signed;
    const text = document.getElementById(signed ? "signature-text-signed" : "signature-text-empty");
    if (state && text) state.textContent = text.textContent;
  }

  canvas.addEventListener("pointerdown", function (event) {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    drawing = true;
    last = point(event);
    ctx.beginPath();
    ctx.arc(last.x, last.y, 1, 0, Math.PI * 2);
    ctx.fill();
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) return;
    event.preventDefault();
    const p = point(event);
    ctx.beginPath();
    ctx.moveTo(last.x, last.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last = p;
    if (!drawn) setState(true);
  });
  function stop() { drawing = false; }
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  canvas.addEventListener("pointerleave", stop);

  document.getElementById("signature-clear").addEventListener("click", function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    input.value = "";
    setState(false);
  });

  form.addEventListener("submit", function () {
    input.value = drawn ? canvas.toDataURL("image/png") : "";
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true; // one submission per click; the server refuses a second anyway
  });

  // Coming back to the page (browser history) must not leave the button disabled.
  window.addEventListener("pageshow", function () {
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = false;
  });
  window.addEventListener("resize", scale);
  scale();
})();
