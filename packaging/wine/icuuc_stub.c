/* A stand-in for Windows 10's system icuuc.dll, for building and testing Desk under Wine only.
 *
 * Qt 6.11's Qt6Core.dll (PySide6 wheels) imports these 20 ICU converter functions from the
 * icuuc.dll that Windows 10 1903+ ships in System32. Wine has no icuuc.dll, so QtCore (and every
 * program built on it) fails to load. This DLL exports the same names and reports every codec as
 * unavailable: QTextCodec/QStringConverter then fall back to Qt's built-in UTF-8/UTF-16/Latin-1
 * codecs, which is all Desk uses. It goes into the Wine prefix's system32, never into the bundle
 * or the installer: real Windows has the real icuuc.dll.
 *
 * Find the list again after a Qt upgrade (.ci/windows-under-wine.sh fails loudly if one is missing):
 *   x86_64-w64-mingw32-objdump -p Qt6Core.dll | sed -n '/DLL Name: icuuc.dll/,/DLL Name/p'
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o icuuc.dll icuuc_stub.c
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)

typedef int UErrorCode; /* ICU: <= 0 success, > 0 failure */
typedef uint16_t UChar;
typedef int32_t UChar32;
typedef int8_t UBool;
typedef struct UConverter UConverter;
typedef void (*UConverterCallback)(void);

enum { U_FILE_ACCESS_ERROR = 4, U_UNSUPPORTED_ERROR = 16 };

static void fail(UErrorCode *err, UErrorCode code)
{
    if (err != NULL && *err <= 0)
        *err = code;
}

/* Opening any converter fails as if its data were missing (what ICU itself reports then). */
EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    fail(err, U_FILE_ACCESS_ERROR);
    return NULL;
}

EXPORT void ucnv_close(UConverter *cnv) { (void)cnv; }
EXPORT void ucnv_reset(UConverter *cnv) { (void)cnv; }

EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n)
{
    (void)n;
    return NULL;
}

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name;
    (void)standard;
    fail(err, U_UNSUPPORTED_ERROR);
    return NULL;
}

EXPORT const char *ucnv_getName(const UConverter *cnv, UErrorCode *err)
{
    (void)cnv;
    fail(err, U_UNSUPPORTED_ERROR);
    return NULL;
}

EXPORT int8_t ucnv_getMaxCharSize(const UConverter *cnv)
{
    (void)cnv;
    return 1;
}

EXPORT int32_t ucnv_toUCountPending(const UConverter *cnv, UErrorCode *err)
{
    (void)cnv;
    fail(err, U_UNSUPPORTED_ERROR);
    return -1;
}

EXPORT int32_t ucnv_fromUCountPending(const UConverter *cnv, UErrorCode *err)
{
    (void)cnv;
    fail(err, U_UNSUPPORTED_ERROR);
    return -1;
}

EXPORT void ucnv_getToUCallBack(const UConverter *cnv, UConverterCallback *action,
                                const void **context)
{
    (void)cnv;
    if (action != NULL)
        *action = NULL;
    if (context != NULL)
        *context = NULL;
}

EXPORT void ucnv_getFromUCallBack(const UConverter *cnv, UConverterCallback *action,
                                  const void **context)
{
    ucnv_getToUCallBack(cnv, action, context);
}

EXPORT void ucnv_setToUCallBack(UConverter *cnv, UConverterCallback action, const void *context,
                                UConverterCallback *old_action, const void **old_context,
                                UErrorCode *err)
{
    (void)action;
    (void)context;
    ucnv_getToUCallBack(cnv, old_action, old_context);
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_setFromUCallBack(UConverter *cnv, UConverterCallback action, const void *context,
                                  UConverterCallback *old_action, const void **old_context,
                                  UErrorCode *err)
{
    ucnv_setToUCallBack(cnv, action, context, old_action, old_context, err);
}

EXPORT void ucnv_toUnicode(UConverter *cnv, UChar **target, const UChar *target_limit,
                           const char **source, const char *source_limit, int32_t *offsets,
                           UBool flush, UErrorCode *err)
{
    (void)cnv, (void)target, (void)target_limit, (void)source, (void)source_limit;
    (void)offsets, (void)flush;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_fromUnicode(UConverter *cnv, char **target, const char *target_limit,
                             const UChar **source, const UChar *source_limit, int32_t *offsets,
                             UBool flush, UErrorCode *err)
{
    (void)cnv, (void)target, (void)target_limit, (void)source, (void)source_limit;
    (void)offsets, (void)flush;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length,
                                  int32_t offset_index, UErrorCode *err)
{
    (void)args, (void)source, (void)length, (void)offset_index;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *source_limit,
                                    int32_t offset_index, UErrorCode *err)
{
    (void)args, (void)source, (void)source_limit, (void)offset_index;
    fail(err, U_UNSUPPORTED_ERROR);
}

/* ICU's stock callbacks: never reached, since no converter ever opens. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *units,
                                            int32_t length, UChar32 code_point, int reason,
                                            UErrorCode *err)
{
    (void)context, (void)args, (void)units, (void)length, (void)code_point, (void)reason;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *units,
                                          int32_t length, int reason, UErrorCode *err)
{
    (void)context, (void)args, (void)units, (void)length, (void)reason;
    fail(err, U_UNSUPPORTED_ERROR);
}
