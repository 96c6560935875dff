/* ctk.h: the public face of libctk, for cmd/ and for programs linking it. */
#ifndef CTK_H
#define CTK_H

#ifndef CTK_VERSION
#define CTK_VERSION "0.1.0"
#endif

#include "buf.h"
#include "data.h"
#include "diag.h"
#include "error.h"
#include "input.h"
#include "progress.h"
#include "tsv.h"
#include "utf8.h"

#endif
