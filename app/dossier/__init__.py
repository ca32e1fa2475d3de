"""Achievement dossiers (成果档案) as PDF, laid out with reportlab.

Public API (import from the modules; this package imports nothing eagerly):
    export.export_dossier(bank, actor, ref, target, template=None) -> render.RenderResult
    export.export_batch(bank, actor, export.BatchFilter(...), target, combined=False,
                        template=None, progress=None, cancelled=None) -> export.BatchResult
    report.annual_report(bank, actor, studio=..., year=..., target=...) -> pages
    verify.verify_pdf(bank, path, viewer=actor) -> [verify.Verdict]   (matches, changed, changed_labels, hidden)
    gather.gather(bank, actor, ref) -> model.DossierData; render.render_dossier(data, target, template)
    templates.TEMPLATES: national_wuxiao (五小 declaration), company_archive (archive record)
    fonts.find_cjk_font(): the embeddable CJK font, or FontMissingError naming fonts-wqy-microhei
"""
