/// The page's script: filters (severity, bureau or "no bureau", rule, root causes only, words with
/// accents and digit grouping ignored), counts that follow them, links that set them (the bureau ×
/// severity and rule counts), and links to a finding that the filters hide, which reveal it. The
/// page works without it: the form stays hidden and every row shows.
extension DiscrepancyHTML {
    static let script = """
    <script>
    (function () {
      var form = document.getElementById('filters'), status = document.getElementById('shown'),
          rows = Array.prototype.slice.call(document.querySelectorAll('table.log tbody tr')), revealed = [];
      if (!form || !status) return;
      form.hidden = false;
      // Lower case, accents and thousands spaces dropped: 'operationnel' finds 'opérationnel', '1800000' finds '1 800 000'.
      function fold(s) {
        return String(s).normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[\\u202f\\u00a0]/g, '').toLowerCase();
      }
      var texts = rows.map(function (row) { return fold(row.textContent); });
      function matches(row, i) {
        var d = row.dataset, sev = form.severity.value, bureau = form.bureau.value, rule = form.rule.value,
            words = fold(form.words.value).trim().split(/\\s+/).filter(Boolean);
        var st = form.status ? form.status.value : '';
        return (!sev || d.severity === sev) && (!bureau || d.bureau === bureau) && (!rule || d.rule === rule) && (!st || d.status === st) &&
          (!form.root.checked || d.root === '1') && words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      }
      function count() {
        var shown = 0, bySeverity = {error: 0, warning: 0, info: 0}, roots = 0, opened = 0;
        rows.forEach(function (row) {
          if (row.classList.contains('hidden')) return;
          shown++; bySeverity[row.dataset.severity]++;
          if (row.dataset.root === '1') roots++;
          if (row.classList.contains('revealed')) opened++;
        });
        status.textContent = shown + ' of ' + rows.length + ' shown: ' + bySeverity.error + ' error, ' + bySeverity.warning +
          ' warning, ' + bySeverity.info + ' info, ' + roots + ' root causes' + (opened ? ' (' + opened + ' opened by a link)' : '');
      }
      function apply() {
        revealed.forEach(function (row) { row.classList.remove('revealed'); });
        revealed = [];
        rows.forEach(function (row, i) { row.classList.toggle('hidden', !matches(row, i)); });
        count();
      }
      // A link to a finding the filters hide shows that row (marked) instead of doing nothing.
      function reveal(id) {
        var row = id && document.getElementById(id);
        if (!row || rows.indexOf(row) < 0 || !row.classList.contains('hidden')) return;
        row.classList.remove('hidden');
        row.classList.add('revealed');
        revealed.push(row);
        count();
      }
      function target(href) {
        try { return decodeURIComponent(href.slice(1)); } catch (e) { return href.slice(1); }
      }
      document.addEventListener('click', function (e) {
        var a = e.target && e.target.closest ? e.target.closest('a[href^="#"]') : null;
        if (!a) return;
        var d = a.dataset || {};
        if (d.setBureau !== undefined || d.setSeverity !== undefined || d.setRule !== undefined) {
          form.reset();
          form.bureau.value = d.setBureau || '';
          form.severity.value = d.setSeverity || '';
          form.rule.value = d.setRule || '';
          apply();
          return;
        }
        reveal(target(a.getAttribute('href')));
      });
      window.addEventListener('hashchange', function () { reveal(target(location.hash)); });
      form.addEventListener('input', apply);
      form.addEventListener('change', apply);
      form.addEventListener('reset', function () { setTimeout(apply, 0); });
      form.addEventListener('submit', function (e) { e.preventDefault(); });
      apply();
      if (location.hash) reveal(target(location.hash));
    })();
    </script>

    """
}
