#pragma once
// ncursesw for Swift: wide-character API (get_wch, cchar_t, setcchar) needs
// _XOPEN_SOURCE_EXTENDED before the header; the `cn_` functions wrap API that
// exists only as C macros and so does not import into Swift.
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 600
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

static inline void cn_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline void cn_getyx(WINDOW *w, int *y, int *x) { getyx(w, *y, *x); }
static inline WINDOW *cn_stdscr(void) { return stdscr; }

static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_italic(void) { return A_ITALIC; }
static inline attr_t cn_a_blink(void) { return A_BLINK; }
static inline attr_t cn_wa_normal(void) { return WA_NORMAL; }
static inline attr_t cn_wa_bold(void) { return WA_BOLD; }
static inline attr_t cn_wa_dim(void) { return WA_DIM; }
static inline attr_t cn_wa_underline(void) { return WA_UNDERLINE; }
static inline attr_t cn_wa_reverse(void) { return WA_REVERSE; }
static inline attr_t cn_wa_italic(void) { return WA_ITALIC; }

static inline int cn_color_pair(int n) { return COLOR_PAIR(n); }
static inline int cn_pair_number(int attrs) { return PAIR_NUMBER(attrs); }

static inline int cn_ok(void) { return OK; }
static inline int cn_err(void) { return ERR; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }

static inline mmask_t cn_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t cn_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t cn_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cn_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t cn_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t cn_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t cn_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cn_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Sets one wide cell (a grapheme as up to CCHARW_MAX wide chars) with attributes and a pair.
static inline int cn_mvadd_wchstr(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t c;
    if (setcchar(&c, wch, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &c);
}
