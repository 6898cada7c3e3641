package org.tmshost.report;

/**
 * The session report's stylesheet: the page on screen, and in print A4 with the one-page summary
 * first (its own page), charts and tables kept whole, and signature lines to fill in by hand.
 */
final class ReportStyle {
    static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1000px;color:#1d232b;padding:0 1rem}
            h1{font-size:1.5rem;margin:0 0 .2rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #d6dbe1;padding-bottom:.2rem}
            h3{font-size:1rem;margin:.2rem 0 .6rem}.lead{font-size:1.05rem;margin:.2rem 0 .8rem}
            .sim{display:inline-block;background:#6b3fa0;color:#fff;font-weight:600;padding:.1rem .5rem;border-radius:3px;font-size:.8rem;letter-spacing:.05em}
            .state{display:inline-block;font-weight:700;padding:.1rem .6rem;border-radius:4px;color:#fff;background:#6c757d}
            .COMPLETED{background:#25753a}.ABORTED{background:#b36b00}.FAULTED,.INTERRUPTED{background:#b3261e}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e4e7eb;vertical-align:top}
            th{background:#f3f5f7;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            table.facts th{width:11rem}table.numbers{width:auto;min-width:50%}tr.short td{color:#b3261e}
            figure{margin:.4rem 0}figure svg{width:100%;height:auto;display:block}
            .signatures{display:flex;gap:2rem;margin-top:1.6rem}.signature{flex:1;border:1px solid #8a94a3;border-radius:4px;padding:.6rem .8rem}
            .signature p{display:flex;align-items:flex-end;margin:.9rem 0 .2rem}.signature p span:first-child{width:5.5rem;color:#5b6573}
            .signature .line{flex:1;border-bottom:1px solid #1d232b;min-height:1.4rem}
            .note{color:#5b6573;font-size:.85rem}
            @page{size:A4;margin:14mm 14mm 16mm}
            @media print{
              body{margin:0;max-width:none;padding:0;font-size:10.5pt}
              .summary{break-after:page;page-break-after:always}
              h2{break-after:avoid;page-break-after:avoid}
              figure,tr,.signature{break-inside:avoid;page-break-inside:avoid}
              figure svg{max-height:82mm}
              .state,.sim,th{print-color-adjust:exact;-webkit-print-color-adjust:exact}
            }
            """;

    private ReportStyle() {
    }
}
