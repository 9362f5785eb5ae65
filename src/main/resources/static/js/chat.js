// What htmx attributes cannot express under a Content-Security-Policy without eval: Enter to send, keeping the
// newest message in view while the reader has not scrolled up or asked for older ones, and toggling reason chips.
(() => {
  let followNewest = true;

  const scroller = () => document.getElementById('scroller');

  const showNewest = () => {
    const element = scroller();
    if (element && followNewest) {
      element.scrollTop = element.scrollHeight;
    }
  };

  document.addEventListener('DOMContentLoaded', () => {
    showNewest();
    scroller()?.addEventListener('scroll', (event) => {
      const element = event.currentTarget;
      followNewest = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
    });
  });

  document.addEventListener('submit', (event) => {
    if (event.target.id === 'composer') {
      followNewest = true;
    }
  });

  // Loading earlier messages: the reader wants to read back, not to be taken to the newest.
  document.addEventListener('htmx:beforeRequest', (event) => {
    if (event.detail.elt.closest('.earlier')) {
      followNewest = false;
    }
  });

  // The CSRF token lives once in the page's head, not in every fragment.
  document.addEventListener('htmx:configRequest', (event) => {
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // The composer comes back enabled out of band (with a finished answer, after New chat). Its box lost the focus
  // when it was disabled: give it back, unless the reader is writing elsewhere, in a comment box say.
  document.addEventListener('htmx:load', (event) => {
    const fields = event.target;
    if (fields.id !== 'composer-fields' || fields.disabled) {
      return;
    }
    const active = document.activeElement;
    if (!(active && active.matches('textarea, input') && !fields.contains(active))) {
      fields.querySelector('textarea')?.focus();
    }
  });

  // Reason chips: without JavaScript each is a checkbox styled as a chip; here its toggle button (aria-pressed)
  // is shown instead and sets the hidden checkbox, which the details form sends.
  const reasonBox = (button) => document.getElementById(button.dataset.reasonBox);

  document.addEventListener('htmx:load', (event) => {
    event.target.querySelectorAll('button.chip[data-reason-box][hidden]').forEach((button) => {
      const box = reasonBox(button);
      if (box) {
        button.setAttribute('aria-pressed', String(box.checked));
        box.hidden = true;
        box.labels.forEach((label) => { label.hidden = true; });
        button.hidden = false;
      }
    });
  });

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button.chip[data-reason-box]');
    const box = button && reasonBox(button);
    if (box) {
      box.checked = !box.checked;
      button.setAttribute('aria-pressed', String(box.checked));
    }
  });

  document.addEventListener('htmx:afterSettle', showNewest);
  document.addEventListener('htmx:sseMessage', showNewest);

  // Enter sends, Shift+Enter makes a new line; not while an input method is composing a character.
  document.addEventListener('keydown', (event) => {
    const box = event.target;
    if (box.id === 'prompt' && event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      box.form.requestSubmit();
    }
  });
})();
