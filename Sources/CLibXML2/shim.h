#ifndef FEEDWATCH_CLIBXML2_SHIM_H
#define FEEDWATCH_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU; <libxml/encoding.h> would then pull the system ICU
// headers, which clash with Foundation's own ICU module ("'UErrorCode' has different
// definitions in different modules"). Read the version header first and switch the
// ICU part off before any other libxml2 header is seen. (See shared FACTS.md.)
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#include <libxml/xmlIO.h>
#include <libxml/uri.h>

#endif
