
#[unsafe(no_mangle)]
#[allow(non_snake_case, unused_unsafe)]
extern "C" fn {{ shim.symbol }}({{ shim.rust_params() }}){{ shim.rust_ret() }} {
{%- if shim.catch_panic %}
    match ::std::panic::catch_unwind(::core::panic::AssertUnwindSafe(|| unsafe {
{%- if let Some(tr) = shim.use_trait %}
        #[allow(unused_imports)]
        use {{ tr }} as _;
{%- endif %}
        {{ shim.body }}
    })) {
        ::core::result::Result::Ok(r) => r,
        ::core::result::Result::Err(_) => unsafe {
            *panicked = 1;
            ::core::mem::zeroed()
        },
    }
{%- else %}
    unsafe {
{%- if let Some(tr) = shim.use_trait %}
        #[allow(unused_imports)]
        use {{ tr }} as _;
{%- endif %}
        {{ shim.body }}
    }
{%- endif %}
}
