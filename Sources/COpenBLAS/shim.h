#pragma once
// OpenBLAS through its CBLAS header. pkg-config (openblas) adds the include path of
// Debian's openblas-pthread variant. cblas.h also declares openblas_get_corename(),
// which reports the kernel OpenBLAS chose for this CPU: we report it, never override it.
#include <cblas.h>
