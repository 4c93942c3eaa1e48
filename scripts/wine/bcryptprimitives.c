/* Test harness only, never shipped: Wine 8.0 (Debian 12) lacks bcryptprimitives.dll, whose
 * ProcessPrng the Rust standard library imports since 1.78 (real Windows 10 and 11, and Wine 9,
 * have it). This stand-in fills the buffer with RtlGenRandom (advapi32's SystemFunction036),
 * so that the program can start under Wine 8.0. scripts/wine-smoke.sh builds it with mingw-w64
 * and puts it next to the .exe it tests, in a temporary folder. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
