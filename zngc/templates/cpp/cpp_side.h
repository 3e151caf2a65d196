{#- What C++ implements for Rust: trait classes, `extern "C++"` functions
    and `rust::Impl` classes. #}
{%- for tr in bridge.trait_classes %}
namespace {{ tr.name.namespace }} {
{% if !tr.name.args.is_empty() %}template <> {% endif %}struct {{ tr.name.name }}{{ tr.name.args }} {
  virtual ~{{ tr.name.name }}() = default;
{%- for method in tr.methods %}
  virtual {{ method.ret }} {{ method.name }}({{ method.param_list() }}) = 0;
{%- endfor %}
};
}  // namespace {{ tr.name.namespace }}
{%- endfor %}
{%- if !bridge.exported_functions.is_empty() %}
namespace {{ ns }}::exported_functions {
{%- for f in bridge.exported_functions %}
{{ f.ret }} {{ f.name }}({{ f.param_list() }});
{%- endfor %}
}  // namespace {{ ns }}::exported_functions
{%- endif %}
{%- for imp in bridge.impl_classes %}
namespace {{ ns }} {
template <> class Impl<{{ imp.ty }}, {{ imp.tr }}> {
 public:
{%- for method in imp.methods %}
  static {{ method.ret }} {{ method.name }}({{ method.param_list() }});
{%- endfor %}
};
}  // namespace {{ ns }}
{%- endfor %}
