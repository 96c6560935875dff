# Writes the six Jane Austen novels of the Debian package r-cran-janeaustenr
# (public domain texts from Project Gutenberg) as a ctk stream: one record
# per paragraph (lines joined by a space; paragraphs are separated by empty
# lines), with columns id, book, text. Chapter headings and lines of upper
# case only (titles) are dropped. Usage: Rscript austen-tsv.R > austen.tsv
books <- c(sensesensibility = "sense", prideprejudice = "pride",
           mansfieldpark = "mansfield", emma = "emma",
           northangerabbey = "northanger", persuasion = "persuasion")
esc <- function(s) {
  s <- gsub("\\", "\\\\", s, fixed = TRUE)
  s <- gsub("\t", "\\t", s, fixed = TRUE)
  s
}
cat("id\tbook\ttext\n")
for (name in names(books)) {
  data(list = name, package = "janeaustenr", envir = environment())
  lines <- get(name)
  para <- cumsum(lines == "")
  keep <- lines != ""
  text <- tapply(lines[keep], para[keep], paste, collapse = " ")
  text <- text[!grepl("^(CHAPTER|Chapter) ", text) & text != toupper(text)]
  n <- length(text)
  cat(paste0(books[[name]], ":", seq_len(n), "\t", books[[name]], "\t",
             esc(unname(text)), "\n"), sep = "")
}
