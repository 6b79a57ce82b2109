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

static inline mmask_t cn_button1_pressed_mask(void) { return BUTTON1_PRESSED; }
static inline mmask_t cn_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t cn_button2_released(void) { return BUTTON2_RELEASED; }
static inline mmask_t cn_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t cn_button3_released(void) { return BUTTON3_RELEASED; }
static inline mmask_t cn_button_shift(void) { return BUTTON_SHIFT; }
static inline mmask_t cn_button_ctrl(void) { return BUTTON_CTRL; }
static inline mmask_t cn_button_alt(void) { return BUTTON_ALT; }
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline int cn_ccharw_max(void) { return CCHARW_MAX; }

/// Puts one cell (a grapheme as up to CCHARW_MAX wide chars, NUL-terminated) with attributes and
/// an extended colour pair (ncurses 6.1+ reads an int pair through setcchar's opts pointer).
static inline int cn_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t c;
    int extended = pair;
    if (setcchar(&c, wch, attrs, 0, &extended) != OK) return ERR;
    return mvadd_wch(y, x, &c);
}

// MARK: crash guard
//
// On SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT the terminal must not be left in raw mode on the
// alternate screen. The handler only does async-signal-safe things: write() a reset sequence
// prepared in advance (leave the alternate screen, reset attributes, show the cursor, stop mouse
// reporting), tcsetattr() the termios saved before curses started, then restore the default
// action and re-raise so the crash is still reported. The state lives in static storage inside
// this header; Swift calls these functions from one file only (CrashGuard.swift) so there is one
// copy of it.
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define CN_CRASH_SIGNAL_COUNT 6

struct cn_crash_state {
    char reset[512];
    struct sigaction previous[CN_CRASH_SIGNAL_COUNT];
    int signals[CN_CRASH_SIGNAL_COUNT];
    size_t reset_length;
    struct termios saved;
    int have_termios;
    int tty_fd;
};

/// The state, in a function-local static: the importer emits it with the functions that use it.
static inline struct cn_crash_state *cn_crash_state_storage(void) {
    static struct cn_crash_state state;
    return &state;
}

#define cn_crash (*cn_crash_state_storage())

static void cn_crash_handler(int signal_number) {
    if (cn_crash.reset_length > 0) {
        ssize_t ignored = write(cn_crash.tty_fd, cn_crash.reset, cn_crash.reset_length);
        (void)ignored;
    }
    if (cn_crash.have_termios) tcsetattr(cn_crash.tty_fd, TCSANOW, &cn_crash.saved);
    // Hand the signal to whoever had it before (the Swift runtime's backtracer, or the default
    // action), now that the terminal is usable again.
    for (int i = 0; i < CN_CRASH_SIGNAL_COUNT; i++) {
        if (cn_crash.signals[i] == signal_number) {
            sigaction(signal_number, &cn_crash.previous[i], NULL);
            raise(signal_number);
            break;
        }
    }
    // The previous handler returned (a signal sent with kill, not a real fault): the program
    // must not run on with the terminal given back, so end it with the default action.
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

/// Saves the terminal's current (cooked) termios; call before curses changes it.
static inline void cn_crash_save_termios(int fd) {
    cn_crash.tty_fd = fd;
    cn_crash.have_termios = tcgetattr(fd, &cn_crash.saved) == 0;
}

/// Installs the handlers with the bytes that reset the terminal.
static inline void cn_crash_install(const char *reset) {
    size_t length = strlen(reset);
    if (length >= sizeof cn_crash.reset) length = sizeof cn_crash.reset - 1;
    memcpy(cn_crash.reset, reset, length);
    cn_crash.reset[length] = 0;
    cn_crash.reset_length = length;
    int signals[CN_CRASH_SIGNAL_COUNT] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (int i = 0; i < CN_CRASH_SIGNAL_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = cn_crash_handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_NODEFER;
        cn_crash.signals[i] = signals[i];
        sigaction(signals[i], &action, &cn_crash.previous[i]);
    }
}

/// Puts the default actions back (after a clean shutdown).
static inline void cn_crash_uninstall(void) {
    for (int i = 0; i < CN_CRASH_SIGNAL_COUNT; i++) {
        if (cn_crash.signals[i] != 0) sigaction(cn_crash.signals[i], &cn_crash.previous[i], NULL);
    }
    cn_crash.reset_length = 0;
}
