import CNCursesW
import Dispatch
import TerminalKit

#if canImport(Glibc)
import Glibc
#endif

/// A curses session on the process's terminal: the alternate screen, raw input, signals and the
/// guarantee that the terminal is put back.
///
/// `open` starts curses (entering the alternate screen), `start` begins delivering input events
/// and signals on the main queue, and `close` restores the terminal; it runs on quit, on
/// SIGINT/SIGTERM/SIGHUP (reported through `onSignal` so the program can quit cleanly), and the
/// crash guard covers the fatal signals. Stdin is read with a `DispatchSource`, draining
/// `wget_wch` in nodelay mode; a timer covers the ESC delay.
@MainActor
package final class Terminal {
    /// A signal asking the program to stop.
    package enum StopSignal: Sendable, Equatable {
        case interrupt, terminate, hangup
    }

    package let backend: NCursesBackend
    private let options: TerminalOptions
    private var screen: OpaquePointer?
    private var decoder = InputDecoder()
    private var inputSource: (any DispatchSourceRead)?
    private var signalSources: [any DispatchSourceSignal] = []
    private var escapeTimer: (any DispatchSourceTimer)?
    private var keyMap: [Int32: Key] = [:]
    private var onEvent: ((InputEvent) -> Void)?
    private var mouseEnabled = false
    private var isOpen = false
    private let resetSequence: String

    private init(backend: NCursesBackend, screen: OpaquePointer?, options: TerminalOptions, resetSequence: String) {
        self.backend = backend
        self.screen = screen
        self.options = options
        self.resetSequence = resetSequence
        self.isOpen = true
    }

    /// Starts curses on standard input and output. Throws when they are not a terminal or
    /// `TERM` names no known terminal.
    package static func open(_ options: TerminalOptions) throws(TerminalError) -> Terminal {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError("seam needs a terminal: standard input and output must be a tty")
        }
        setlocale(LC_ALL, "")
        CrashGuard.saveTerminalState(fileDescriptor: 1)
        guard let output = fdopen(dup(1), "w"), let input = fdopen(dup(0), "r") else {
            throw TerminalError("cannot open the terminal: \(String(cString: strerror(errno)))")
        }
        let term = options.environment["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "xterm"
        guard let screen = newterm(term, output, input) else {
            throw TerminalError("unknown terminal type '\(term)': set TERM to one terminfo knows (e.g. xterm-256color)")
        }
        set_term(screen)
        raw()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        nodelay(cn_stdscr(), true)
        intrflush(cn_stdscr(), false)
        set_escdelay(Int32(options.escapeDelay.components.attoseconds / 1_000_000_000_000_000))
        curs_set(0)
        leaveok(cn_stdscr(), false)
        var rows: Int32 = 0
        var columns: Int32 = 0
        cn_getmaxyx(cn_stdscr(), &rows, &columns)
        let backend = NCursesBackend(size: Size(width: Int(columns), height: Int(rows)), environment: options.environment)
        let reset = Self.capability("rmcup") + Self.capability("sgr0") + Self.capability("cnorm")
            + "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?2004l"
        let terminal = Terminal(backend: backend, screen: screen, options: options, resetSequence: reset)
        CrashGuard.install(reset: reset)
        terminal.buildKeyMap()
        terminal.setMouse(options.mouse)
        // Bracketed paste: pasted text arrives as one event instead of as typed keys.
        Self.writeRaw("\u{1B}[?2004h")
        return terminal
    }

    /// Starts delivering events (keys, mouse, resizes) to `onEvent` and stop requests to
    /// `onSignal`, both on the main queue.
    package func start(onEvent: @escaping (InputEvent) -> Void, onSignal: @escaping (StopSignal) -> Void) {
        self.onEvent = onEvent
        let input = DispatchSource.makeReadSource(fileDescriptor: 0, queue: .main)
        input.setEventHandler { [weak self] in
            MainActor.assumeIsolated { self?.drainInput() }
        }
        input.resume()
        self.inputSource = input
        let signals: [(Int32, StopSignal?)] = [
            (SIGINT, .interrupt), (SIGTERM, .terminate), (SIGHUP, .hangup), (SIGWINCH, nil),
        ]
        for (number, stop) in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler { [weak self] in
                MainActor.assumeIsolated {
                    if let stop {
                        onSignal(stop)
                    } else {
                        self?.handleWindowChange()
                    }
                }
            }
            source.resume()
            self.signalSources.append(source)
        }
    }

    /// Turns mouse reporting on or off.
    package func setMouse(_ enabled: Bool) {
        guard self.isOpen else { return }
        self.mouseEnabled = enabled
        if enabled {
            mouseinterval(0)
            _ = mousemask(cn_all_mouse_events(), nil)
        } else {
            _ = mousemask(0, nil)
        }
    }

    /// Whether mouse reporting is on.
    package var isMouseEnabled: Bool { self.mouseEnabled }

    /// Leaves the alternate screen and restores the terminal as it was. Safe to call twice.
    package func close() {
        guard self.isOpen else { return }
        self.isOpen = false
        self.inputSource?.cancel()
        self.inputSource = nil
        for source in self.signalSources { source.cancel() }
        self.signalSources = []
        self.escapeTimer?.cancel()
        _ = mousemask(0, nil)
        Self.writeRaw("\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l")
        curs_set(1)
        endwin()
        if let screen = self.screen {
            delscreen(screen)
            self.screen = nil
        }
        CrashGuard.uninstall()
        for number in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { signal(number, SIG_DFL) }
    }

    /// Forces a full repaint on the next flush (after something else wrote to the terminal).
    package func redrawAll() {
        self.backend.clearScreen()
    }

    // MARK: - Input

    private func drainInput() {
        var batch: [InputDecoder.Raw] = []
        var character: wint_t = 0
        while true {
            let result = wget_wch(cn_stdscr(), &character)
            if result == cn_err() { break }
            if result == cn_key_code_yes() {
                let code = Int32(character)
                if code == KEY_RESIZE {
                    if let size = self.refreshSize() { batch.append(.resize(size)) }
                } else if code == KEY_MOUSE {
                    if let mouse = self.readMouse() { batch.append(.mouse(mouse)) }
                } else if let key = self.keyMap[code] ?? self.extendedKey(code) {
                    batch.append(.key(key))
                }
            } else {
                batch.append(.scalar(UInt32(character)))
            }
            if batch.count > 4096 { break }
        }
        self.deliver(self.decoder.feed(batch))
        self.escapeTimer?.cancel()
        self.escapeTimer = nil
        if self.decoder.hasPendingEscape {
            let timer = DispatchSource.makeTimerSource(queue: .main)
            let delay = self.options.escapeDelay.components
            timer.schedule(deadline: .now() + .nanoseconds(Int(delay.seconds) * 1_000_000_000 + Int(delay.attoseconds / 1_000_000_000)))
            timer.setEventHandler { [weak self] in
                MainActor.assumeIsolated {
                    guard let self else { return }
                    self.escapeTimer?.cancel()
                    self.escapeTimer = nil
                    self.deliver(self.decoder.flushPendingEscape())
                }
            }
            timer.resume()
            self.escapeTimer = timer
        }
    }

    private func deliver(_ events: [InputEvent]) {
        for event in events { self.onEvent?(event) }
    }

    private func handleWindowChange() {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return }
        resizeterm(Int32(size.ws_row), Int32(size.ws_col))
        if let newSize = self.refreshSize() { self.deliver([.resize(newSize)]) }
        // resizeterm queues a KEY_RESIZE too; draining it finds the size unchanged and drops it.
    }

    /// Reads the curses screen size; returns it when it differs from what the backend had.
    private func refreshSize() -> Size? {
        var rows: Int32 = 0
        var columns: Int32 = 0
        cn_getmaxyx(cn_stdscr(), &rows, &columns)
        let size = Size(width: Int(columns), height: Int(rows))
        guard size != self.backend.size else { return nil }
        self.backend.updateSize(size)
        self.backend.clearScreen()
        return size
    }

    private func readMouse() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == cn_ok() else { return nil }
        let state = event.bstate
        var modifiers: KeyModifiers = []
        if state & cn_button_shift() != 0 { modifiers.insert(.shift) }
        if state & cn_button_ctrl() != 0 { modifiers.insert(.control) }
        if state & cn_button_alt() != 0 { modifiers.insert(.alt) }
        let position = Point(x: Int(event.x), y: Int(event.y))
        let kind: MouseEvent.Kind
        if state & cn_button4_pressed() != 0 {
            kind = .scrollUp
        } else if state & cn_button5_pressed() != 0 {
            kind = .scrollDown
        } else if state & cn_button1_double_clicked() != 0 {
            kind = .doubleClick(button: 1)
        } else if state & (cn_button1_pressed() | cn_button1_clicked()) != 0 {
            kind = .press(button: 1)
        } else if state & cn_button1_released() != 0 {
            kind = .release(button: 1)
        } else if state & cn_button2_pressed() != 0 {
            kind = .press(button: 2)
        } else if state & cn_button3_pressed() != 0 {
            kind = .press(button: 3)
        } else {
            return nil
        }
        return MouseEvent(kind, at: position, modifiers: modifiers)
    }

    private func buildKeyMap() {
        var map: [Int32: Key] = [
            Int32(KEY_UP): .up, Int32(KEY_DOWN): .down, Int32(KEY_LEFT): .left, Int32(KEY_RIGHT): .right,
            Int32(KEY_HOME): Key(.home), Int32(KEY_END): Key(.end), Int32(KEY_PPAGE): Key(.pageUp),
            Int32(KEY_NPAGE): Key(.pageDown), Int32(KEY_IC): Key(.insert), Int32(KEY_DC): Key(.delete),
            Int32(KEY_BACKSPACE): .backspace, Int32(KEY_ENTER): .enter, Int32(KEY_BTAB): .backTab,
            Int32(KEY_SR): Key(.up, modifiers: .shift), Int32(KEY_SF): Key(.down, modifiers: .shift),
            Int32(KEY_SLEFT): Key(.left, modifiers: .shift), Int32(KEY_SRIGHT): Key(.right, modifiers: .shift),
            Int32(KEY_SHOME): Key(.home, modifiers: .shift), Int32(KEY_SEND): Key(.end, modifiers: .shift),
            Int32(KEY_SDC): Key(.delete, modifiers: .shift),
        ]
        for number in 1...24 {
            map[cn_key_f(Int32(number))] = Key(.function(number))
        }
        self.keyMap = map
    }

    /// Keys ncurses knows only by their terminfo extended names (`kUP5` = ctrl-up, `kLFT3` = alt-left).
    private func extendedKey(_ code: Int32) -> Key? {
        guard let namePointer = keyname(code) else { return nil }
        let name = String(cString: namePointer)
        guard name.hasPrefix("k"), let digit = name.last?.wholeNumberValue, (2...8).contains(digit) else { return nil }
        let base = String(name.dropFirst().dropLast())
        let codes: [String: Key.Code] = [
            "UP": .up, "DN": .down, "LFT": .left, "RIT": .right, "HOM": .home, "END": .end, "PRV": .pageUp,
            "NXT": .pageDown, "DC": .delete, "IC": .insert,
        ]
        guard let keyCode = codes[base] else { return nil }
        // xterm's modifier encoding: value - 1 is a bit set of shift (1), alt (2), control (4).
        let bits = digit - 1
        var modifiers: KeyModifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.control) }
        return Key(keyCode, modifiers: modifiers)
    }

    // MARK: - Raw output

    private static func capability(_ name: String) -> String {
        guard let value = tigetstr(name) else { return "" }
        // tigetstr returns (char *)-1 for "not a string capability" and NULL for "absent".
        if Int(bitPattern: value) == -1 { return "" }
        return String(cString: value)
    }

    private static func writeRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = write(1, base + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
