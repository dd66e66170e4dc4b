"""Classroom services, the middle layer (no widgets): hand-in files, reading a folder of them, the class results
report, and the hub's hand-in service (hub/). CONTRIBUTING.md maps every module.

    handin.py      hand_in(case, student=None) -> Path (the button is widgets/views/handin.py)
    submission.py  the submission format (widgets/core/schemas/submission.schema.json) and a never-writing folder reader
    results.py     class_results(folder, case=None) -> ClassResults (.write_html, .write_csv); `python -m widgets results`
    report.py      the self-contained HTML page (widgets/core/render/templates/report.html.j2) and its charts
"""
