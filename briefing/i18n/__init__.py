"""The translation stage: catalogs, the Localizer, and a brief in another language."""
