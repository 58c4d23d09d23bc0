/* A drawn signature on a <canvas>: mouse, touch and pen through Pointer Events, no library.
   On submit the drawing is put into the hidden input as a PNG data URL; an empty pad sends nothing.
   A page sent back with an error carries the drawing in that input: it is drawn again, and sent
   unchanged unless the participant draws more. */
(function () {
  "use strict";
  const canvas = document.getElementById("signature-pad");
  if (!canvas) return;
  const input = document.getElementById("id_signature");
  const state = document.getElementById("signature-state");
  const form = canvas.closest("form");
  const ctx = canvas.getContext("2d");
  const PNG = "data:image/png;base64,";
  let drawing = false;
  let drawn = false;
  let last = null;
  // The signature as it stands (a PNG data URL, or ""): what is sent and what is redrawn.
  let current = input.value.startsWith(PNG) ? input.value : "";

  function redraw(rect) {
    if (!current) return;
    const img = new Image();
    img.onload = function () { ctx.drawImage(img, 0, 0, rect.width, rect.height); };
    img.onerror = function () { current = ""; input.value = ""; setState(false); };
    img.src = current;
  }

  function scale() {
    // Draw in canvas pixels whatever the CSS size (tablets, zoom); a hidden pad waits to be shown.
    const ratio = window.devicePixelRatio || 1;
    const rect = canvas.getBoundingClientRect();
    if (!rect.width || !rect.height) return;
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineWidth = 2.2;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#000";
    redraw(rect);
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
  function stop() {
    if (drawing && drawn) current = canvas.toDataURL("image/png");
    drawing = false;
  }
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  canvas.addEventListener("pointerleave", stop);

  document.getElementById("signature-clear").addEventListener("click", function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    current = "";
    input.value = "";
    setState(false);
  });

  form.addEventListener("submit", function () {
    if (drawing) stop();
    input.value = current;
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true; // one submission per click; the server refuses a second anyway
  });

  // Coming back to the page (browser history) must not leave the button disabled.
  window.addEventListener("pageshow", function () {
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = false;
  });
  window.addEventListener("resize", scale);
  // The pad is hidden while another way of signing is chosen: size it when it is shown again.
  form.querySelectorAll("input[name=method]").forEach(function (radio) {
    radio.addEventListener("change", scale);
  });
  if (current) setState(true);
  scale();
})();
