"""The PDF stage: HTML to PDF bytes with WeasyPrint, resources locked down."""
