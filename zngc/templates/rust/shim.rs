
#[unsafe(no_mangle)]
#[allow(non_snake_case, unused_unsafe)]
extern "C" fn {{ shim.symbol }}({{ shim.rust_params() }}){{ shim.rust_ret() }} {
{%- if shim.catch_panic %}
    unsafe { zngc_catch_panic(panicked, || unsafe {
{%- else %}
    unsafe {
{%- endif %}
{%- if let Some(tr) = shim.use_trait %}
        #[allow(unused_imports)]
        use {{ tr }} as _;
{%- endif %}
        {{ shim.body }} // {{ shim.origin }}
{%- if shim.catch_panic %}
    }) }
{%- else %}
    }
{%- endif %}
}
