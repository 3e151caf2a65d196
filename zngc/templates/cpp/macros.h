{#- A static wrapper: one call of the runtime, which passes the parameters
    to the shim and turns its result into the return value. -#}
{% macro static_form(call) %}
  template <class Zng = ::{{ ns }}::zng_internal::Defer> static auto {{ call.name }}({{ call.deferred_params(false) }}){{ call.noexcept_suffix() }} {
    return ::{{ ns }}::zng_internal::{{ call.call_fn() }}<{{ call.ret }}>({{ call.symbol }}{{ call.call_args() }});
  }
{%- endmacro %}
