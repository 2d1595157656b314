"""The printed worksheet: layout and rendering to printer and PDF."""
