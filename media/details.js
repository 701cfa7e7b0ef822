// Page script of the ticket details panel. Loaded by nonce under a strict CSP. It only swaps in HTML the extension
// rendered (every server string already escaped), forwards button clicks as messages, and keeps the scroll position
// across tab switches with getState/setState (the panel does not use retainContextWhenHidden).
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  const ticketId = document.body.dataset.ticketId || '';
  const saved = vscode.getState() || {};
  let pendingScroll = saved.ticketId === ticketId && typeof saved.scrollY === 'number' ? saved.scrollY : 0;

  // Saved at once (the serializer needs the ticket id even if the user never scrolls). A position not yet restored is
  // kept as it was: the first render (the loading view) is too short to scroll to it.
  function save() {
    vscode.setState({ ticketId, scrollY: pendingScroll > 0 ? pendingScroll : Math.round(window.scrollY) });
  }
  save();

  window.addEventListener('message', function (event) {
    const message = event.data;
    if (!message || message.type !== 'render' || typeof message.body !== 'string' || !root) return;
    root.innerHTML = message.body;
    showLocalTimes(root);
    if (pendingScroll > 0) {
      window.scrollTo(0, pendingScroll);
      // Keep trying until the content is tall enough (first render after a reload).
      if (Math.abs(window.scrollY - pendingScroll) < 2) pendingScroll = 0;
    }
    document.body.dataset.rendered = 'true';
  });

  // The extension host may run on another machine (remote, code-server) with another time zone: show the times in
  // this browser's zone, in the same "YYYY-MM-DD HH:mm" shape.
  function showLocalTimes(container) {
    const pad = (n) => String(n).padStart(2, '0');
    for (const element of container.querySelectorAll('time[datetime]')) {
      const date = new Date(element.getAttribute('datetime') || '');
      if (isNaN(date.getTime())) continue;
      element.textContent = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
      element.title = date.toString();
    }
  }
  if (root) showLocalTimes(root);

  let scrollTimer = 0;
  window.addEventListener('scroll', function () {
    if (scrollTimer) return;
    scrollTimer = window.setTimeout(function () {
      scrollTimer = 0;
      save();
    }, 100);
  });

  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!(target instanceof HTMLElement)) return;
    event.preventDefault();
    const action = target.dataset.action;
    if (action === 'openAttachment') {
      vscode.postMessage({ type: action, note: Number(target.dataset.note), attachment: Number(target.dataset.attachment) });
    } else if (action) {
      vscode.postMessage({ type: action });
    }
  });

  // Listening now: ask for the data.
  vscode.postMessage({ type: 'ready' });
})();
