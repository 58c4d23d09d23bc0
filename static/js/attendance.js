/* Attendance grid: show the server's refusal of a single tap (htmx does not swap error responses). */
document.body.addEventListener("htmx:responseError", function (event) {
  const box = document.getElementById("attendance-errors");
  if (box) box.innerHTML = event.detail.xhr.responseText;
});
