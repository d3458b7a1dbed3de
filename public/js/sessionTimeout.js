// Warns before the session's idle limit, offers to stay signed in, and says plainly when
// the session has ended. Without JavaScript there is no warning, but nothing is lost:
// a form sent after the session ended is kept and comes back after signing in again.
const warnBeforeMs = (idleMs) => Math.min(120_000, Math.floor(idleMs / 3));

function inWords(ms) {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds >= 90) return `${Math.round(seconds / 60)} minutes`;
  if (seconds > 60) return `${seconds} seconds`;
  return seconds === 60 ? "1 minute" : `${seconds} seconds`;
}

export function startSessionTimeout() {
  const idleMs = Number(document.body.dataset.sessionIdleMs);
  const dialog = document.getElementById("session-timeout");
  if (!(idleMs > 0) || !dialog || typeof dialog.showModal !== "function") return;
  const title = document.getElementById("session-timeout-title");
  const text = document.getElementById("session-timeout-text");
  const button = document.getElementById("session-timeout-stay");
  let endsAt = Date.now() + idleMs;
  let ended = false;
  let timers = [];

  const clear = () => {
    timers.forEach(clearTimeout);
    timers = [];
  };
  const schedule = () => {
    clear();
    timers.push(setTimeout(warn, endsAt - warnBeforeMs(idleMs) - Date.now()));
    timers.push(setTimeout(end, endsAt - Date.now()));
  };
  const open = () => {
    if (!dialog.open) dialog.showModal();
    button.focus();
  };

  function warn() {
    title.textContent = "You are about to be signed out";
    // Said once when the dialog opens, not counted down aloud every second.
    text.textContent = `For your security, you will be signed out in ${inWords(endsAt - Date.now())} if you do nothing. Anything you have typed and not saved would need you to sign in again before it is saved.`;
    button.textContent = "Stay signed in";
    open();
  }

  function end() {
    clear();
    ended = true;
    title.textContent = "You have been signed out";
    text.textContent = `You were signed out after ${inWords(idleMs)} without activity. What you typed on this page is still here: when you save it, you will be asked to sign in again, and it will be kept for you.`;
    button.textContent = "Close";
    open();
  }

  async function staySignedIn() {
    try {
      const response = await fetch(dialog.dataset.keepAliveUrl, {
        credentials: "same-origin",
        headers: { accept: "application/json" },
      });
      const state = await response.json();
      if (!state.signedIn) return end();
      endsAt = Date.now() + state.idleMs;
      dialog.close();
      schedule();
    } catch {
      text.textContent = "The service could not be reached. Check your connection, then try again.";
    }
  }

  button.addEventListener("click", () => (ended ? dialog.close() : staySignedIn()));
  // Escape means "stay", as in the GOV.UK timeout pattern, not "ignore and be signed out".
  dialog.addEventListener("cancel", (event) => {
    if (ended) return;
    event.preventDefault();
    void staySignedIn();
  });
  schedule();
}
