{#- The body of a C++ wrapper: pass the arguments to the shim and turn its
    result into the return value. `out` is where a slot result goes. -#}
{% macro call_body(call, out) -%}
{%- if call.panic_flag %}
  ::{{ ns }}::zng_internal::PanicFlag zng_panic;
{%- endif %}
{%- match call.result %}
{%- when CppResult::Unit %}
  {{ call.symbol }}({{ call.shim_args(out) }});
{%- if call.panic_flag %}
  zng_panic.check();
{%- endif %}
  return {};
{%- when CppResult::Direct with { expr } %}
  auto r = {{ call.symbol }}({{ call.shim_args(out) }});
{%- if call.panic_flag %}
  zng_panic.check();
{%- endif %}
  return {{ expr }};
{%- when CppResult::Slot %}
  ::{{ ns }}::zng_internal::lazy<Zng, {{ call.ret }}> o;
  {{ call.symbol }}({{ call.shim_args(out) }});
{%- if call.panic_flag %}
  zng_panic.check();
{%- endif %}
  o.__zng_adopt();
  return o;
{%- endmatch %}
{%- endmacro %}

{#- A constructor writes straight into the object being built. -#}
{% macro constructor_body(call) -%}
{%- if call.panic_flag %}
  ::{{ ns }}::zng_internal::PanicFlag zng_panic;
{%- endif %}
  {{ call.symbol }}({{ call.constructor_args(ns) }});
{%- if call.panic_flag %}
  zng_panic.check();
{%- endif %}
  ::{{ ns }}::zng_internal::dep<Zng>(*this).__zng_adopt();
{%- endmacro %}
