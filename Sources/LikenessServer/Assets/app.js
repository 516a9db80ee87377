// Likeness web app: small, dependency-free enhancements of the server-rendered pages.
// Every action goes through the JSON API under /api/v1; errors come back as {error: {code, message}}.
"use strict";

(function () {
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

  // ---- API and messages -------------------------------------------------------------------------

  class APIError extends Error {
    constructor(status, code, message) { super(message); this.status = status; this.code = code; }
  }

  async function api(method, url, body, type) {
    const options = { method, credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      if (type) { options.headers["Content-Type"] = type; options.body = body; }
      else { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
    }
    const response = await fetch(url, options);
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (_) { data = null; }
    if (!response.ok) {
      const detail = data && data.error ? data.error : { code: String(response.status), message: text || response.statusText };
      throw new APIError(response.status, detail.code, detail.message);
    }
    return data;
  }

  let toastTimer = null;
  function toast(message, kind = "info", html = false) {
    const box = $("#toast");
    if (!box) return;
    if (html) box.innerHTML = message; else box.textContent = message;
    box.className = "show " + kind;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.className = ""; }, kind === "error" ? 9000 : 5000);
  }

  function fail(error) {
    if (error instanceof APIError) toast(error.code + ": " + error.message, "error");
    else toast(String(error), "error");
  }

  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]));
  }

  function formatBytes(count) {
    if (count == null) return "?";
    const units = ["B", "KB", "MB", "GB", "TB"];
    let value = count, unit = 0;
    while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
    return unit === 0 ? count + " B" : value.toFixed(value < 10 ? 1 : 0) + " " + units[unit];
  }

  // ---- Jobs: start, follow with server-sent events, cancel -----------------------------------

  function jobRow(job) {
    const progress = job.progress
      ? (job.progress.total != null ? `<progress value="${job.progress.completed}" max="${Math.max(1, job.progress.total)}"></progress>` : "<progress></progress>")
        + `<small>${escapeHTML(job.progress.phase)} ${job.progress.completed}${job.progress.total != null ? " / " + job.progress.total : ""}</small>`
      : "";
    const error = job.error ? `<div class="problem small"><strong>${escapeHTML(job.error.code)}</strong> ${escapeHTML(job.error.message)}</div>` : "";
    const terminal = ["finished", "failed", "cancelled"].includes(job.state);
    const cancel = terminal ? "" : `<button class="small" data-cancel="${job.id}">Cancel</button>`;
    return `<td>${job.id}</td><td>${escapeHTML(job.summary)}${error}</td>`
      + `<td><span class="state ${job.state}">${job.state}</span></td><td class="progress">${progress}</td><td>${cancel}</td>`;
  }

  function showJob(job) {
    const table = $("#jobs tbody");
    if (!table) return;
    let row = $(`tr[data-job="${job.id}"]`, table);
    if (!row) {
      row = document.createElement("tr");
      row.dataset.job = job.id;
      table.prepend(row);
      const empty = $("#no-jobs");
      if (empty) empty.remove();
    }
    row.dataset.state = job.state;
    row.innerHTML = jobRow(job);
  }

  const following = new Set();
  function follow(id, onEnd) {
    if (following.has(id)) return;
    following.add(id);
    const events = new EventSource(`/api/v1/jobs/${id}/events`);
    events.addEventListener("job", (event) => {
      const job = JSON.parse(event.data);
      showJob(job);
      if (["finished", "failed", "cancelled"].includes(job.state)) {
        events.close();
        following.delete(id);
        announce(job);
        if (onEnd) onEnd(job);
      }
    });
    events.onerror = () => { events.close(); following.delete(id); };
  }

  function announce(job) {
    if (job.state === "failed" && job.error) { toast(`Job ${job.id} failed — ${job.error.code}: ${job.error.message}`, "error"); return; }
    if (job.state === "cancelled") { toast(`Job ${job.id} was cancelled; what it finished is kept.`); return; }
    const next = { dupes: ["/dupes", "Review the duplicates"], novelty: ["/novelty", "See the novel images"], scan: ["/", "Reload the library"],
      embed: ["/", "Reload the library"], sample: ["/calibrate", "Label the pairs"], calibrate: ["/calibrate", "See the calibration"],
      cluster: ["/clusters", "See the clusters"] }[job.kind];
    if (next) toast(`Job ${job.id} finished. <a href="${next[0]}">${next[1]}</a>`, "ok", true);
    else toast(`Job ${job.id} finished.`, "ok");
  }

  async function startJob(body, onEnd) {
    try {
      const job = await api("POST", "/api/v1/jobs", body);
      showJob(job);
      toast(`Job ${job.id} queued: ${job.summary}`);
      follow(job.id, onEnd);
      return job;
    } catch (error) { fail(error); return null; }
  }

  document.addEventListener("click", async (event) => {
    const start = event.target.closest("[data-start]");
    if (start) { event.preventDefault(); startJob({ kind: start.dataset.start }); return; }
    const cancel = event.target.closest("[data-cancel]");
    if (cancel) {
      event.preventDefault();
      try { showJob(await api("POST", `/api/v1/jobs/${cancel.dataset.cancel}/cancel`)); } catch (error) { fail(error); }
      return;
    }
    const undo = event.target.closest("[data-undo]");
    if (undo) { event.preventDefault(); undoMove(undo.dataset.undo, () => location.reload()); }
  });

  $$("#jobs tr[data-job]").forEach((row) => {
    if (row.dataset.state === "queued" || row.dataset.state === "running") follow(Number(row.dataset.job));
  });

  // ---- Moves: preview, confirm, undo --------------------------------------------------------------

  function confirmPlan(plan) {
    const dialog = $("#preview");
    if (!dialog) return Promise.resolve(false);
    $("#preview-summary").innerHTML = escapeHTML(`${plan.moves.length} files (${formatBytes(plan.bytes)}) move to ${plan.destination}.`)
      + (plan.warning ? `<span class="problem"><strong>warning</strong> ${escapeHTML(plan.warning)}. Move anyway?</span>` : "");
    $("#preview-list").innerHTML = plan.moves.slice(0, 200).map((move) =>
      `<li><code>${escapeHTML(move.path)}</code><br><small>kept: ${escapeHTML(move.kept)}</small></li>`).join("")
      + (plan.moves.length > 200 ? `<li>… and ${plan.moves.length - 200} more</li>` : "");
    return new Promise((resolve) => {
      dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
      dialog.showModal();
      $("#preview-confirm").focus();
    });
  }

  async function moveSelection(selection) {
    try {
      const plan = await api("POST", "/api/v1/dupes/moves/preview", selection);
      if (plan.moves.length === 0) { toast("Nothing to move."); return null; }
      if (!(await confirmPlan(plan))) return null;
      // The preview showed the warning; confirming it is the page's --force.
      const done = await api("POST", "/api/v1/dupes/moves", Object.assign({}, selection, plan.warning ? { force: true } : {}));
      const run = done.run;
      sessionStorage.setItem("likeness.lastAction", JSON.stringify({ kind: "move", journal: run.journal, group: selection.groups ? selection.groups[0].group : null }));
      const left = run.notMoved.length ? ` ${run.notMoved.length} stayed: ${run.notMoved.map((item) => item.reason).join("; ")}` : "";
      toast(`Moved ${run.moved.length} files to the trash.${left} Press u or Undo to put them back.`, left ? "error" : "ok");
      return run;
    } catch (error) { fail(error); return null; }
  }

  async function undoMove(journal, then) {
    try {
      const result = await api("POST", "/api/v1/moves/undo", { journal });
      const restored = result.moves.filter((move) => move.outcome === "restored").length;
      const left = result.moves.filter((move) => move.outcome === "left-in-place");
      sessionStorage.removeItem("likeness.lastAction");
      toast(`Put back ${restored} files.` + (left.length ? ` ${left.length} could not be: ${left.map((m) => m.reason).join("; ")}` : ""), left.length ? "error" : "ok");
      if (then) setTimeout(then, 600);
    } catch (error) { fail(error); }
  }

  const moveAll = $("[data-move-all]");
  if (moveAll) {
    moveAll.addEventListener("click", async () => {
      const selection = { result: Number(moveAll.dataset.moveAll), all: true };
      if (moveAll.dataset.tier) selection.tier = moveAll.dataset.tier;
      const run = await moveSelection(selection);
      if (run) setTimeout(() => location.reload(), 900);
    });
  }

  // ---- Compare view: one group, copies side by side, keyboard --------------------------------

  const head = $(".compare-head[data-group]");
  if (head) {
    const result = Number(head.dataset.result), group = Number(head.dataset.group);
    const copies = $$("article.copy");
    let keep = Number((copies.find((copy) => copy.dataset.suggested === "true") || copies[0]).dataset.id);

    const choose = (id) => {
      keep = id;
      copies.forEach((copy) => copy.classList.toggle("chosen", Number(copy.dataset.id) === id));
      const freed = copies.filter((copy) => Number(copy.dataset.id) !== id).reduce((sum, copy) => sum + Number(copy.dataset.size || 0), 0);
      $("#saving").textContent = formatBytes(freed);
    };
    copies.forEach((copy) => $(".keep-this", copy).addEventListener("click", () => choose(Number(copy.dataset.id))));

    const go = (selector) => { const link = $(selector); if (link && link.href) location.href = link.href; };
    const moveOthers = async () => {
      const run = await moveSelection({ result, groups: [{ group, keep }] });
      if (run) setTimeout(() => { const next = $("#next"); location.href = next ? next.href : "/dupes"; }, 700);
    };
    // A decision is about the kept copy and one other ("not duplicates": that pair), or the whole
    // group ("keep all"). It is stored in the catalog; u takes the latest one back.
    const decide = async (kind, other) => {
      try {
        await api("POST", "/api/v1/dupes/decisions", { result, group, kind, images: kind === "notDuplicates" ? [keep, other] : undefined });
        sessionStorage.setItem("likeness.lastAction", JSON.stringify({ kind: "decision", result, group }));
        const name = kind === "notDuplicates" ? $("header strong", copies.find((copy) => Number(copy.dataset.id) === other)).textContent : "";
        toast(kind === "keepAll" ? "Kept all copies of this group. Press u to take it back." : `Marked ${name} as not a duplicate. Press u to take it back.`, "ok");
        setTimeout(() => {
          if (kind === "notDuplicates" && copies.length > 2) { location.reload(); return; }
          const next = $("#next"); location.href = next ? next.href : "/dupes";
        }, 700);
      } catch (error) { fail(error); }
    };
    // "Not duplicates" with the keyboard: in a pair it is the other copy; in a larger group the next
    // digit names the copy.
    let picking = false;
    const notDuplicates = () => {
      const others = copies.filter((copy) => Number(copy.dataset.id) !== keep);
      if (others.length === 1) { decide("notDuplicates", Number(others[0].dataset.id)); return; }
      picking = true;
      toast("Which copy is not a duplicate of the kept one? Press its number (Esc to cancel).");
    };
    copies.forEach((copy) => {
      const button = $(".not-duplicate", copy);
      if (button) button.addEventListener("click", () => decide("notDuplicates", Number(copy.dataset.id)));
    });
    const zoom = () => $(".copies").classList.toggle("actual");
    // Difference: each other copy is redrawn as |copy − kept copy| (brightened 3×), both scaled to
    // the same size; identical pixels are black, edits and misalignments light up.
    const difference = () => {
      const section = $(".copies");
      if (section.classList.toggle("difference")) {
        const kept = copies.find((copy) => Number(copy.dataset.id) === keep);
        const base = kept && $(".zoom img", kept);
        if (!base) return;
        copies.forEach((copy) => {
          const old = $("canvas.diff", copy);
          if (old) old.remove();
          const image = $(".zoom img", copy);
          if (!image || copy === kept) return;
          const width = Math.min(800, image.naturalWidth), height = Math.round(width * image.naturalHeight / Math.max(1, image.naturalWidth));
          const draw = (source) => {
            const canvas = document.createElement("canvas");
            canvas.width = width; canvas.height = height;
            const context = canvas.getContext("2d");
            context.drawImage(source, 0, 0, width, height);
            return [canvas, context.getImageData(0, 0, width, height)];
          };
          const [canvas, mine] = draw(image);
          const [, theirs] = draw(base);
          for (let i = 0; i < mine.data.length; i += 4) {
            for (let c = 0; c < 3; c++) mine.data[i + c] = Math.min(255, 3 * Math.abs(mine.data[i + c] - theirs.data[i + c]));
          }
          canvas.getContext("2d").putImageData(mine, 0, 0);
          canvas.className = "diff";
          image.after(canvas);
        });
      }
    };
    const undo = async () => {
      const last = JSON.parse(sessionStorage.getItem("likeness.lastAction") || "null");
      if (!last) { toast("Nothing to undo in this session."); return; }
      if (last.kind === "move") {
        undoMove(last.journal, () => { location.href = last.group != null ? `/dupes/${last.group}` : "/dupes"; });
        return;
      }
      try {
        await api("POST", "/api/v1/dupes/decisions/undo", { result: last.result, group: last.group });
        sessionStorage.removeItem("likeness.lastAction");
        toast("Took the decision back: the group is under review again.", "ok");
        setTimeout(() => { location.href = `/dupes/${last.group}`; }, 600);
      } catch (error) { fail(error); }
    };

    $("#move-others").addEventListener("click", moveOthers);
    $("#not-duplicates").addEventListener("click", notDuplicates);
    $("#keep-all").addEventListener("click", () => decide("keepAll"));
    $("#zoom").addEventListener("click", zoom);
    $("#difference").addEventListener("click", difference);
    const undoButton = $("#undo");
    if (sessionStorage.getItem("likeness.lastAction")) undoButton.hidden = false;
    undoButton.addEventListener("click", undo);

    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || $("#preview").open) return;
      if (event.target.matches("input, textarea, select")) return;
      const key = event.key;
      if (picking) {
        picking = false;
        const copy = /^[1-9]$/.test(key) ? copies[Number(key) - 1] : null;
        if (copy && Number(copy.dataset.id) !== keep) decide("notDuplicates", Number(copy.dataset.id));
        else toast(key === "Escape" ? "Cancelled." : "That is not one of the other copies; nothing was marked.");
        event.preventDefault();
        return;
      }
      if (key === "ArrowRight" || key === "j") go("#next");
      else if (key === "ArrowLeft" || key === "k") go("#previous");
      else if (key === "m") moveOthers();
      else if (key === "n") notDuplicates();
      else if (key === "a") decide("keepAll");
      else if (key === "z") zoom();
      else if (key === "f") difference();
      else if (key === "u") undo();
      else if (/^[1-9]$/.test(key) && copies[Number(key) - 1]) choose(Number(copies[Number(key) - 1].dataset.id));
      else return;
      event.preventDefault();
    });

    // Synchronised pan: scrolling one copy at actual pixels scrolls the others to the same place.
    let syncing = false;
    $$(".zoom").forEach((box) => box.addEventListener("scroll", () => {
      if (syncing) return;
      syncing = true;
      const x = box.scrollLeft / Math.max(1, box.scrollWidth - box.clientWidth);
      const y = box.scrollTop / Math.max(1, box.scrollHeight - box.clientHeight);
      $$(".zoom").forEach((other) => {
        if (other === box) return;
        other.scrollLeft = x * (other.scrollWidth - other.clientWidth);
        other.scrollTop = y * (other.scrollHeight - other.clientHeight);
      });
      requestAnimationFrame(() => { syncing = false; });
    }));
  }

  // ---- Search: drop or choose a file ------------------------------------------------------------

  const drop = $("#drop");
  if (drop) {
    const input = $("#upload");
    const results = $("#results");
    const model = $("#model");
    let last = null;
    const search = async (file) => {
      if (!file) return;
      last = file;
      $("#query-preview").innerHTML = `<figure class="query"><img alt="query"><figcaption>${escapeHTML(file.name)}</figcaption></figure>`;
      $("#query-preview img").src = URL.createObjectURL(file);
      results.innerHTML = "<p class=\"hint\">Searching…</p>";
      try {
        const found = await api("POST", `/api/v1/search?k=24&model=${encodeURIComponent(model.value)}`, file, file.type || "application/octet-stream");
        results.innerHTML = found.matches.length === 0 ? "<p class=\"hint\">No catalogued image to compare with: embed the library first.</p>"
          : found.matches.map((match) => `<figure class="thumb"><a href="/api/v1/images/${match.image.id}/file" target="_blank" rel="noopener">`
            + `<img loading="lazy" src="/api/v1/images/${match.image.id}/thumbnail" alt="${escapeHTML(match.image.name)}"></a>`
            + `<figcaption title="${escapeHTML(match.image.path)}"><span class="score">${match.similarity.toFixed(3)}</span> ${escapeHTML(match.image.name)}<br>`
            + `<small><a href="/search?image=${match.image.id}&amp;model=${encodeURIComponent(found.model)}">similar</a></small></figcaption></figure>`).join("");
      } catch (error) { results.innerHTML = ""; fail(error); }
    };
    drop.addEventListener("click", () => input.click());
    drop.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); input.click(); } });
    input.addEventListener("change", () => search(input.files[0]));
    // Another model: the same query again, searched with it.
    model.addEventListener("change", () => {
      const catalogued = $("#query-preview figure[data-image]");
      if (last) search(last);
      else if (catalogued) location.href = `/search?image=${catalogued.dataset.image}&model=${encodeURIComponent(model.value)}`;
    });
    drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => { event.preventDefault(); drop.classList.remove("over"); search(event.dataTransfer.files[0]); });
  }

  // ---- Novelty: start a run, move the threshold -----------------------------------------------

  const noveltyForm = $("#novelty-form");
  if (noveltyForm) {
    noveltyForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(noveltyForm);
      startJob({ kind: "novelty", reference: data.get("reference"), query: data.get("query"), threshold: Number(data.get("threshold")) },
        (job) => { if (job.state === "finished") location.reload(); });
    });
  }
  // ---- Clusters: start a clustering; the page reloads with its map and galleries -----------------

  const clusterForm = $("#cluster-form");
  if (clusterForm) {
    clusterForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(clusterForm);
      const algorithm = data.get("algorithm");
      const options = { algorithm, minClusterSize: Number(data.get("minClusterSize")) || 5 };
      const k = Number(data.get("k"));
      if (k > 0) options.k = k; else if (algorithm === "kmeans") options.auto = true;
      if (algorithm === "dbscan") options.eps = Number(data.get("eps"));
      if (data.get("method")) options.method = data.get("method");
      const request = { kind: "cluster", folders: [data.get("folder")], cluster: options };
      const save = (data.get("save") || "").trim();
      if (save) request.save = save;
      startJob(request,
        (job) => { if (job.state === "finished") location.reload(); });
    });
  }

  // ---- Labels: one pair at a time, s / d / x / u, then calibrate --------------------------------

  const sampleForm = $("#sample-form");
  if (sampleForm) {
    sampleForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(sampleForm);
      startJob({ kind: "sample", folders: [data.get("folder")], count: Number(data.get("count")) },
        (job) => { if (job.state === "finished") location.href = "/calibrate"; });
    });
  }
  const pairHead = $("[data-pair]");
  if (pairHead) {
    const index = Number(pairHead.dataset.pair), count = Number(pairHead.dataset.count);
    const reveal = new URLSearchParams(location.search).get("reveal") === "true" ? "&reveal=true" : "";
    const label = async (value, advance) => {
      try {
        await api("POST", "/api/v1/calibration/labels", { index, label: value });
        location.href = `/calibrate?pair=${advance ? Math.min(index + 1, count - 1) : index}${reveal}`;
      } catch (error) { fail(error); }
    };
    $$("[data-label]").forEach((button) => button.addEventListener("click", () => label(button.dataset.label, true)));
    $("#unlabel").addEventListener("click", () => label(null, false));
    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.target.matches("input, textarea, select")) return;
      const go = (selector) => { const link = $(selector); if (link) location.href = link.href; };
      const key = event.key;
      if (key === "s") label("same", true);
      else if (key === "d") label("different", true);
      else if (key === "x") label("skip", true);
      else if (key === "u") label(null, false);
      else if (key === "ArrowRight") go("#next");
      else if (key === "ArrowLeft") go("#previous");
      else return;
      event.preventDefault();
    });
  }

  const threshold = $("#threshold");
  if (threshold) {
    const update = () => {
      const value = Number(threshold.value);
      let novel = 0;
      $$(".pair").forEach((pair) => {
        const flagged = Number(pair.dataset.similarity) < value;
        pair.classList.toggle("novel", flagged);
        if (flagged) novel++;
      });
      $("#threshold-value").textContent = value.toFixed(3);
      $("#novel-count").textContent = novel;
      // The histogram's threshold line follows the slider (kept inside the chart's axis).
      const chart = $(".novelty-chart svg");
      if (chart) {
        const low = Number(chart.dataset.low), high = Number(chart.dataset.high);
        const x = Number(chart.dataset.left) + (Math.min(high, Math.max(low, value)) - low) / (high - low) * Number(chart.dataset.span);
        $$("line.marker", chart).forEach((line) => { line.setAttribute("x1", x.toFixed(1)); line.setAttribute("x2", x.toFixed(1)); });
        $$("text.marker-label", chart).forEach((label) => { label.textContent = `threshold ${value.toFixed(3)}`; });
      }
    };
    threshold.addEventListener("input", update);
  }
})();
