// Market data upload: reads a chosen .toml file into the form's text box (so the admin sees what is
// sent) and proposes its name. Without this script the text box alone works.
"use strict";
document.querySelectorAll("input[type=file][data-fills]").forEach((input) => {
  const field = input.closest(".js-only");
  if (field) field.hidden = false;
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    const target = document.getElementById(input.dataset.fills);
    if (!file || !target) return;
    file.text().then((text) => {
      target.value = text;
      const name = document.getElementById(input.dataset.names);
      if (name && !name.value.trim()) name.value = file.name.toLowerCase();
    });
  });
});
