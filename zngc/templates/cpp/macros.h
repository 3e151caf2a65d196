{#- A static wrapper: pass the arguments to the shim and turn its result
    into the return value. -#}
{% macro static_form(call) -%}
  template <class Zng = void> static {{ call.lazy_ret(ns, "Zng") }} {{ call.name }}({{ call.lazy_param_list(ns, "Zng", false) }}){{ call.noexcept_suffix() }} {
{%- call call_body(call) %}{% endcall %}
  }
{%- endmacro %}

{#- The body of a wrapper. -#}
{% macro call_body(call) -%}
{%- if call.panic_flag %}
    ::{{ ns }}::zng_internal::PanicFlag zng_panic;
{%- endif %}
{%- match call.result %}
{%- when CppResult::Unit %}
    {{ call.symbol }}({{ call.shim_args("") }});
{%- if call.panic_flag %}
    zng_panic.check();
{%- endif %}
    return {};
{%- when CppResult::Direct with { expr } %}
    auto r = {{ call.symbol }}({{ call.shim_args("") }});
{%- if call.panic_flag %}
    zng_panic.check();
{%- endif %}
    return {{ expr }};
{%- when CppResult::Bytes with { size } %}
    auto r = {{ call.symbol }}({{ call.shim_args("") }});
{%- if call.panic_flag %}
    zng_panic.check();
{%- endif %}
    return ::{{ ns }}::zng_internal::copy_from_rust<::{{ ns }}::zng_internal::lazy<Zng, {{ call.ret }}>, {{ size }}>(r);
{%- when CppResult::Empty %}
    {{ call.symbol }}({{ call.shim_args("") }});
{%- if call.panic_flag %}
    zng_panic.check();
{%- endif %}
    return ::{{ ns }}::zng_internal::uninit<::{{ ns }}::zng_internal::lazy<Zng, {{ call.ret }}>>();
{%- when CppResult::Slot %}
    auto o = ::{{ ns }}::zng_internal::uninit<::{{ ns }}::zng_internal::lazy<Zng, {{ call.ret }}>>();
    {{ call.symbol }}({{ call.shim_args("o.__zng_slot()") }});
{%- if call.panic_flag %}
    zng_panic.check();
{%- endif %}
    o.__zng_adopt();
    return o;
{%- endmatch %}
{%- endmacro %}

{#- A constructor writes straight into the object being built, or copies
    the bytes of a small `Copy` value into it. -#}
{% macro constructor_body(call) -%}
{%- if call.panic_flag %}
    ::{{ ns }}::zng_internal::PanicFlag zng_panic;
{%- endif %}
{%- if let CppResult::Bytes { size } = call.result %}
    auto r = {{ call.symbol }}({{ call.shim_args("") }});
{%- if call.panic_flag %}
    zng_panic.check();
{%- endif %}
    ::{{ ns }}::zng_internal::copy_into<{{ size }}>(::{{ ns }}::zng_internal::dep<Zng>(*this), r);
{%- else %}
    {{ call.symbol }}({{ call.constructor_args(ns) }});
{%- if call.panic_flag %}
    zng_panic.check();
{%- endif %}
{%- endif %}
    ::{{ ns }}::zng_internal::dep<Zng>(*this).__zng_adopt();
{%- endmacro %}
