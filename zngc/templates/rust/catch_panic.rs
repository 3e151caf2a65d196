
/// The longest panic message C++ keeps, in bytes: `rust::Panic::message_capacity`
/// in `zngur.h`.
const ZNGC_PANIC_MESSAGE_CAPACITY: usize = 255;

/// Runs the body of a shim of `#convert_panic_to_exception`. A panic is
/// caught and reported in the C++ caller's panic flag, and the zeroed result
/// goes unread.
///
/// # Safety
/// `flag` is the address of a `rust::zng_internal::PanicFlag`, and a zeroed
/// `R` is a valid value (shims return numbers, pointers, `()` or bytes in
/// `MaybeUninit`).
unsafe fn zngc_catch_panic<R>(flag: *mut u8, body: impl FnOnce() -> R) -> R {
    match ::std::panic::catch_unwind(::core::panic::AssertUnwindSafe(body)) {
        ::core::result::Result::Ok(r) => r,
        ::core::result::Result::Err(payload) => unsafe {
            zngc_report_panic(flag, &*payload);
            ::core::mem::zeroed()
        },
    }
}

/// Writes into the panic flag at `flag` the byte 1 and then the panic's
/// message, if its payload is a `&str` or a `String` (otherwise an empty
/// one), cut to at most `ZNGC_PANIC_MESSAGE_CAPACITY` bytes at a char
/// boundary and followed by a NUL.
///
/// # Safety
/// `flag` is the address of a `rust::zng_internal::PanicFlag`.
unsafe fn zngc_report_panic(flag: *mut u8, payload: &(dyn ::core::any::Any + ::core::marker::Send)) {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<::std::string::String>().map(|text| text.as_str()))
        .unwrap_or("");
    let mut len = message.len().min(ZNGC_PANIC_MESSAGE_CAPACITY);
    while !message.is_char_boundary(len) {
        len -= 1;
    }
    unsafe {
        *flag = 1;
        ::core::ptr::copy_nonoverlapping(message.as_ptr(), flag.add(1), len);
        *flag.add(1 + len) = 0;
    }
}
