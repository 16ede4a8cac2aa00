"""What the content is: typed records, kinds of page, references, review dates, problems."""
