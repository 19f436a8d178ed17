"""Landing-folder readers shared by every file-based source: listing, decoding, header matching, parsing."""
