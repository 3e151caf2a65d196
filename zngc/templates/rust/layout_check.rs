
/// Appends `text` to the message buffer (compile time).
const fn zngc_push(mut buf: [u8; 512], mut len: usize, text: &[u8]) -> ([u8; 512], usize) {
    let mut i = 0;
    while i < text.len() && len < buf.len() {
        buf[len] = text[i];
        len += 1;
        i += 1;
    }
    (buf, len)
}

/// Appends the decimal digits of `n` to the message buffer (compile time).
const fn zngc_push_number(buf: [u8; 512], len: usize, mut n: u64) -> ([u8; 512], usize) {
    let mut digits = [0u8; 20];
    let mut count = 0;
    loop {
        digits[count] = b'0' + (n % 10) as u8;
        count += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut reversed = [0u8; 20];
    let mut i = 0;
    while i < count {
        reversed[i] = digits[count - 1 - i];
        i += 1;
    }
    zngc_push(buf, len, reversed.split_at(count).0)
}

/// Fails compilation, naming the `.zng` line and both numbers, when a
/// declared layout number does not match Rust's.
const fn zngc_check_layout(location: &str, what: &str, declared: u64, real: usize, exact: bool) {
    let real = real as u64;
    if (exact && real == declared) || (!exact && real <= declared) {
        return;
    }
    let (buf, len) = zngc_push([0u8; 512], 0, location.as_bytes());
    let (buf, len) = zngc_push(buf, len, b": declared ");
    let (buf, len) = zngc_push(buf, len, what.as_bytes());
    let (buf, len) = zngc_push(buf, len, if exact { b" is " } else { b" is at most " });
    let (buf, len) = zngc_push_number(buf, len, declared);
    let (buf, len) = zngc_push(buf, len, b", but the real value is ");
    let (buf, len) = zngc_push_number(buf, len, real);
    let (buf, len) = zngc_push(buf, len, b" (`zngc layout --fix` writes the real numbers into the .zng file)");
    match ::core::str::from_utf8(buf.split_at(len).0) {
        ::core::result::Result::Ok(message) => ::core::panic!("{}", message),
        ::core::result::Result::Err(_) => ::core::panic!("zngc: a declared layout is wrong"),
    }
}
