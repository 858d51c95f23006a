// "Use my location" on the violation form, on top of the typed latitude and longitude: the button fills them from the
// device's position (navigator.geolocation) and says in its status line, in the page's language, whether that worked,
// was refused, or is not possible here. The page renders the block hidden, with its messages in data attributes; the
// script shows it. Without script the fields are typed as before.
(() => {
  const wired = new WeakSet();
  const wire = () => {
    for (const block of document.querySelectorAll("[data-geolocate]")) {
      // Blazor's enhanced navigation may keep the element and put its "hidden" back.
      block.hidden = false;
      if (wired.has(block)) continue;
      wired.add(block);
      const button = block.querySelector("button");
      const say = (message) => {
        const status = document.getElementById(block.dataset.status);
        if (status) status.textContent = message || "";
      };
      const fill = (id, value) => {
        const field = document.getElementById(id);
        if (!field) return;
        field.value = value.toFixed(6);
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.dispatchEvent(new Event("change", { bubbles: true }));
      };
      // Not disabled while it looks: a disabled button would lose the keyboard's focus.
      let busy = false;
      button.addEventListener("click", () => {
        if (busy) return;
        if (!("geolocation" in navigator)) {
          say(block.dataset.unavailable);
          return;
        }
        say(block.dataset.locating);
        busy = true;
        navigator.geolocation.getCurrentPosition(
          (position) => {
            busy = false;
            fill(block.dataset.latitude, position.coords.latitude);
            fill(block.dataset.longitude, position.coords.longitude);
            say(block.dataset.filled);
          },
          (error) => {
            busy = false;
            say(error && error.code === 1 ? block.dataset.denied : block.dataset.unavailable);
          },
          { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
      });
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener("enhancedload", wire);
})();
