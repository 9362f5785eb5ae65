// What htmx attributes cannot express under a Content-Security-Policy without eval: Enter to send, keeping the
// newest message in view while the reader has not scrolled up or asked for older ones, toggling reason chips, and
// where the focus goes after a swap.
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

  // Focus after swaps: a swap that removes the focused element leaves the focus on the page's body, where a screen
  // reader starts over from the top. What comes into focus instead depends on what was pressed; each rule gives an
  // element, focused only if the focus was lost. Set when the request starts, used once its response has settled.
  let refocus = null;

  const focusable = (element) => {
    if (element && !element.matches('a[href], button, textarea, input, select, [tabindex]')) {
      element.setAttribute('tabindex', '-1');
    }
    return element;
  };

  const firstControl = (root) => root && root.querySelector(
    'button:not([disabled]):not([hidden]), textarea:not([disabled]), input:not([disabled]):not([hidden]), a[href]');

  const articleAt = (index) => document.querySelectorAll('#messages article.message')[index];

  document.addEventListener('htmx:beforeRequest', (event) => {
    const elt = event.detail.elt;
    const article = elt.closest('#messages article.message');
    const index = article ? Array.from(document.querySelectorAll('#messages article.message')).indexOf(article) : -1;
    const widget = elt.closest('.feedback');
    let rule = null;
    if (elt.id === 'composer') {
      // While the answer streams the prompt box is disabled: the answer takes the focus (it gives it back when done).
      rule = (failed) => failed ? document.getElementById('prompt')
        : focusable(document.querySelector('#scroller [aria-busy="true"]'));
    } else if (elt.matches('.choice') && widget) {
      // Rated: the details it asks for next (reasons, comment), or the widget.
      const id = widget.id;
      rule = () => { const now = document.getElementById(id); return firstControl(now?.querySelector('.comment-form')) || focusable(now); };
    } else if (elt.matches('.send-comment') && widget) {
      const id = widget.id;
      rule = () => focusable(document.getElementById(id));
    } else if (elt.matches('.sibling-button') && index >= 0) {
      // Another answer in its place: the same button if it still leads somewhere, else the other, else the answer.
      const position = Array.from(article.querySelectorAll('.sibling-button')).indexOf(elt);
      rule = () => {
        const now = articleAt(index);
        const buttons = now ? Array.from(now.querySelectorAll('.sibling-button')) : [];
        const same = buttons[position];
        return same && !same.disabled ? same : buttons.find((button) => !button.disabled) || focusable(now);
      };
    } else if (elt.matches('.regenerate-button, .retry-button') && index >= 0) {
      rule = () => focusable(articleAt(index));
    } else if (elt.closest('.earlier')) {
      // The earlier messages are at the top of the list now: the first of them.
      rule = () => focusable(articleAt(0));
    } else if (elt.matches('.vote-button')) {
      rule = () => focusable(document.getElementById('arena-vote'));
    } else if (event.detail.target && event.detail.target.id) {
      // Otherwise what the response put in place of its target, found by the target's id.
      const id = event.detail.target.id;
      rule = () => focusable(document.getElementById(id));
    }
    refocus = rule && { elt, rule };
  });

  document.addEventListener('htmx:afterSettle', (event) => {
    const pending = refocus;
    if (!pending || event.detail.requestConfig?.elt !== pending.elt) {
      return;
    }
    refocus = null;
    const active = document.activeElement;
    if (!active || active === document.body) {
      pending.rule((event.detail.xhr?.status ?? 200) >= 300)?.focus();
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
