"""The export formats by name and file suffix.

Apart from core.export so that the command line can list them without importing the
renderers (argparse builds every subcommand's parser at start-up, the GUI's included)."""

#: Formats that hold one call each (several calls are rendered one after another).
DOCUMENT_FORMATS = ("md", "txt", "html", "pdf")
#: Formats made for many calls at once.
TABLE_FORMATS = ("json", "csv")
ALL_FORMATS = DOCUMENT_FORMATS + TABLE_FORMATS
FORMAT_SUFFIXES = {"md": ".md", "txt": ".txt", "html": ".html", "pdf": ".pdf", "json": ".json", "csv": ".csv"}
SUFFIX_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".htm": "html",
    **{v: k for k, v in FORMAT_SUFFIXES.items()},
}
#: Contacts rather than calls: vCard (core.vcard). Not a call export, so apart from the above.
CONTACT_FORMATS = ("vcf",)
CONTACT_SUFFIXES = {".vcf": "vcf", ".vcard": "vcf"}
#: The CRM import presets (core.crm.PRESETS has them; named here for the command line).
CRM_PRESETS = ("hubspot", "salesforce", "pipedrive")
