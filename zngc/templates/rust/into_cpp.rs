{#- Rust calling C++: owned C++ objects, trait implementations and
    `extern "C++"` functions. #}
{%- if bridge.owns_cpp_objects %}

/// A C++ object owned by Rust: dropping it runs the C++ destructor.
struct ZngcCppObject {
    data: *mut u8,
    destructor: extern "C" fn(*mut u8),
}

impl ::core::ops::Drop for ZngcCppObject {
    fn drop(&mut self) {
        (self.destructor)(self.data)
    }
}

// C++ states whether its objects may cross threads through the `Send` and
// `Sync` markers of the `dyn` types it builds.
unsafe impl ::core::marker::Send for ZngcCppObject {}
unsafe impl ::core::marker::Sync for ZngcCppObject {}
{%- endif %}
{%- if !bridge.thunks.is_empty() %}

unsafe extern "C" {
{%- for thunk in bridge.thunks %}
    fn {{ thunk.symbol }}({{ thunk.rust_params() }});
{%- endfor %}
}
{%- endif %}
{%- for wrapper in bridge.dyn_wrappers %}

#[allow(dead_code, non_camel_case_types)]
{%- if wrapper.owned %}
struct {{ wrapper.name }}(ZngcCppObject);
{%- else %}
struct {{ wrapper.name }}(());
{%- endif %}
{%- endfor %}
{%- for imp in bridge.rust_impls %}

{{ imp.header }} {
{%- for (name, ty) in imp.assoc_types %}
    type {{ name }} = {{ ty }};
{%- endfor %}
{%- for f in imp.methods %}
    #[allow(unused_unsafe)]
    {{ f.signature() }} {
    {{ f.body }}
    }
{%- endfor %}
}
{%- endfor %}
{%- for f in bridge.rust_fns %}

#[allow(unused_unsafe)]
{{ f.signature() }} {
    {{ f.body }}
}
{%- endfor %}
