// The plain-DOM baseline reader: the same document with the same marks, no framework, no
// virtualization. It sets the same marks as the app ('doc-open-start', 'doc-interactive'), uses
// the same DOM shape the harness looks for (p[data-start] > mark[data-ids]) and tags the
// selection with PERSON on the '1' key. Served by static-server.mjs next to the document's JSON.
(function () {
  const COLORS = { PERSON: '#d9480f', SLOGAN: '#7048e8', PROJECT: '#1c7ed6', TARGET: '#2b8a3e' };
  const state = { text: '', spans: [], paras: [], nextId: -1 };
  const perf = { opens: [], labelKeys: [] };
  window.__baselinePerf = perf;

  // Flat segments of a paragraph: each run of text with the ids of the spans covering it.
  function segments(start, end) {
    const cuts = new Set([start, end]);
    const inside = state.spans.filter((s) => s.start < end && s.end > start);
    for (const s of inside) {
      if (s.start > start) cuts.add(s.start);
      if (s.end < end) cuts.add(s.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      out.push({ start: a, end: b, spans: inside.filter((s) => s.start <= a && s.end >= b) });
    }
    return out;
  }

  function fill(p, para) {
    p.textContent = '';
    for (const seg of segments(para.start, para.end)) {
      const text = document.createTextNode(state.text.slice(seg.start, seg.end));
      if (seg.spans.length === 0) {
        p.appendChild(text);
        continue;
      }
      let inner = seg.spans[0];
      for (const s of seg.spans) if (s.end - s.start < inner.end - inner.start) inner = s;
      const mark = document.createElement('mark');
      mark.dataset.ids = seg.spans.map((s) => s.id).join(' ');
      mark.style.background = COLORS[inner.label] + '33';
      mark.style.boxShadow = seg.spans.map((s, i) => `inset 0 -${2 + i * 3}px 0 ${COLORS[s.label]}`).join(',');
      mark.appendChild(text);
      p.appendChild(mark);
    }
  }

  function render(root) {
    const frag = document.createDocumentFragment();
    state.paras = [];
    let start = 0;
    for (const line of state.text.split('\n')) {
      const para = { start, end: start + line.length, el: document.createElement('p') };
      para.el.dataset.start = String(start);
      fill(para.el, para);
      frag.appendChild(para.el);
      state.paras.push(para);
      start = para.end + 1;
    }
    root.replaceChildren(frag);
  }

  const afterFrame = (fn) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => fn();
    channel.port2.postMessage(null);
  });

  async function open() {
    performance.clearMarks('doc-open-start');
    performance.mark('doc-open-start');
    const doc = await (await fetch('doc.json')).json();
    state.text = doc.text;
    state.spans = doc.spans;
    render(document.getElementById('reader'));
    performance.mark('doc-interactive');
    perf.opens.push(performance.measure('doc-open', 'doc-open-start', 'doc-interactive').duration);
  }

  function offsetOf(node, offset) {
    const p = (node.nodeType === 1 ? node : node.parentElement).closest('p[data-start]');
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let n = 0;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t === node) return Number(p.dataset.start) + n + offset;
      n += t.data.length;
    }
    return Number(p.dataset.start) + n;
  }

  window.addEventListener('keydown', (e) => {
    if (e.key !== '1') return;
    const startedAt = performance.now();
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed) return;
    const r = sel.getRangeAt(0);
    const start = offsetOf(r.startContainer, r.startOffset);
    const end = offsetOf(r.endContainer, r.endOffset);
    if (end <= start) return;
    state.spans.push({ id: state.nextId--, start, end, label: 'PERSON' });
    sel.removeAllRanges();
    for (const para of state.paras) if (para.start < end && para.end > start) fill(para.el, para);
    afterFrame(() => perf.labelKeys.push(performance.now() - startedAt));
  });

  document.getElementById('open').addEventListener('click', () => void open());
  // '#open' opens the document on load, as the app reopens the last document (cold open measure).
  if (location.hash === '#open') void open();
})();
