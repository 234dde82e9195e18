//! `Route::render`, `RouteOverrides` and `RequestSpec` building.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use renave_http::{
    Endpoint, HttpMethod, Idempotency, RequestSpec, Route, RouteError, RouteOverrides,
};

const APTIDAO: Endpoint = Endpoint {
    name: "consultar_aptidao_veiculo_estoque",
    route: Route::new(
        HttpMethod::Get,
        "aptidao-veiculo-estoque/{chassi}/{cpf_cnpj}",
    ),
    idempotency: Idempotency::Idempotent,
};

#[test]
fn renders_plain_values_verbatim() {
    let path = APTIDAO
        .route
        .render(&[("chassi", "9BWZZZ377VT004251"), ("cpf_cnpj", "11144477735")])
        .unwrap();
    assert_eq!(
        path,
        "aptidao-veiculo-estoque/9BWZZZ377VT004251/11144477735"
    );
    // Parameter order does not matter.
    let again = APTIDAO
        .route
        .render(&[("cpf_cnpj", "11144477735"), ("chassi", "9BWZZZ377VT004251")])
        .unwrap();
    assert_eq!(path, again);
}

#[test]
fn encodes_every_reserved_character_of_a_value() {
    let route = Route::new(HttpMethod::Get, "x/{v}");
    let cases = [
        ("a/b", "x/a%2Fb"),
        ("a?b=c", "x/a%3Fb%3Dc"),
        ("a#b", "x/a%23b"),
        ("50%", "x/50%25"),
        ("a b", "x/a%20b"),
        ("a+b", "x/a%2Bb"),
        ("../etc", "x/..%2Fetc"),
        ("a\\b", "x/a%5Cb"),
        ("ção", "x/%C3%A7%C3%A3o"),
        ("12.345.678/0001-95", "x/12.345.678%2F0001-95"),
        ("A-Z_a~z.0", "x/A-Z_a~z.0"),
        ("{v}", "x/%7Bv%7D"),
        ("...", "x/..."),
    ];
    for (value, want) in cases {
        assert_eq!(route.render(&[("v", value)]).unwrap(), want, "{value:?}");
    }
}

#[test]
fn repeated_placeholder_is_filled_everywhere() {
    let route = Route::new(HttpMethod::Get, "a/{x}/b/{x}");
    assert_eq!(route.render(&[("x", "1")]).unwrap(), "a/1/b/1");
    assert_eq!(route.placeholders().unwrap(), vec!["x", "x"]);
}

#[test]
fn missing_extra_duplicate_empty_and_dot_values_are_errors() {
    let r = &APTIDAO.route;
    let missing = r.render(&[("chassi", "X")]).unwrap_err();
    assert_eq!(
        missing,
        RouteError::MissingParameter {
            template: r.template().to_owned(),
            name: "cpf_cnpj".to_owned()
        }
    );
    assert!(missing.to_string().contains("{cpf_cnpj}"), "{missing}");

    let extra = r
        .render(&[("chassi", "X"), ("cpf_cnpj", "1"), ("placa", "ABC1D23")])
        .unwrap_err();
    assert!(
        matches!(&extra, RouteError::UnknownParameter { name, .. } if name == "placa"),
        "{extra:?}"
    );
    assert!(!extra.to_string().contains("ABC1D23"), "values never shown");

    let dup = r
        .render(&[("chassi", "X"), ("chassi", "Y"), ("cpf_cnpj", "1")])
        .unwrap_err();
    assert!(
        matches!(dup, RouteError::DuplicateParameter { .. }),
        "{dup:?}"
    );

    let empty = r.render(&[("chassi", ""), ("cpf_cnpj", "1")]).unwrap_err();
    assert!(matches!(empty, RouteError::EmptyValue { .. }), "{empty:?}");

    for dot in [".", ".."] {
        let e = r.render(&[("chassi", dot), ("cpf_cnpj", "1")]).unwrap_err();
        assert!(matches!(e, RouteError::DotSegment { .. }), "{e:?}");
    }
}

#[test]
fn errors_never_show_the_value() {
    let cpf = "11144477735";
    let r = Route::new(HttpMethod::Get, "x/{cpf}");
    for params in [
        vec![("cpf", cpf), ("cpf", cpf)],
        vec![("cpf", cpf), ("outro", cpf)],
    ] {
        let e = r.render(&params).unwrap_err();
        assert!(!e.to_string().contains(cpf), "{e}");
        assert!(!format!("{e:?}").contains(cpf), "{e:?}");
    }
}

#[test]
fn malformed_templates_are_rejected() {
    for t in [
        "x/{", "x/{a", "x/}", "x/{}", "x/{a-b}", "x/{a}}", "x/{{a}}", "x?y=1", "x#frag", "x y",
        "x\\y", "x/%zz", "x/%4", "x/ção",
    ] {
        let r = Route::custom(HttpMethod::Get, t);
        let e = r.render(&[]).unwrap_err();
        assert!(
            matches!(e, RouteError::MalformedTemplate { .. }),
            "{t:?} → {e:?}"
        );
        assert!(r.validate().is_err(), "{t:?}");
    }
    for t in [
        "",
        "x",
        "/x/y/",
        "a:b@c/!$&'()*+,;=",
        "x/%2F",
        "protocolo-digital/upload-documento-ficha-cadastro-renave",
    ] {
        assert!(
            Route::custom(HttpMethod::Post, t).validate().is_ok(),
            "{t:?}"
        );
    }
}

#[test]
fn overrides_resolve_by_endpoint_name() {
    let mut o = RouteOverrides::new();
    assert!(o.is_empty());
    assert_eq!(o.resolve(&APTIDAO), APTIDAO.route);
    let fixed = Route::custom(
        HttpMethod::Post,
        "veiculo/aptidao-estoque/{cpf_cnpj}/{chassi}",
    );
    assert_eq!(o.insert(APTIDAO.name, fixed.clone()), None);
    assert_eq!(o.len(), 1);
    assert_eq!(o.resolve(&APTIDAO), fixed);
    assert_eq!(o.get(APTIDAO.name), Some(&fixed));
    assert!(o.validate().is_ok());
    let other = Endpoint {
        name: "outra",
        ..APTIDAO.clone()
    };
    assert_eq!(o.resolve(&other), APTIDAO.route);
    assert_eq!(o.remove(APTIDAO.name), Some(fixed));
    assert_eq!(o.resolve(&APTIDAO), APTIDAO.route);
    let bad = RouteOverrides::default().with("x", Route::custom(HttpMethod::Get, "{"));
    assert!(bad.validate().is_err());
}

#[test]
fn request_spec_from_endpoint_uses_the_resolved_route() {
    let overrides = RouteOverrides::default().with(
        APTIDAO.name,
        Route::custom(HttpMethod::Post, "v2/{chassi}/{cpf_cnpj}"),
    );
    let route = overrides.resolve(&APTIDAO);
    let spec = RequestSpec::from_endpoint(
        &APTIDAO,
        &route,
        &[("chassi", "9BWZZZ377VT004251"), ("cpf_cnpj", "11144477735")],
    )
    .unwrap();
    assert_eq!(spec.operation(), APTIDAO.name);
    assert_eq!(spec.method(), HttpMethod::Post);
    assert_eq!(spec.route_template(), "v2/{chassi}/{cpf_cnpj}");
    assert_eq!(spec.path(), "v2/9BWZZZ377VT004251/11144477735");
    assert_eq!(spec.idempotency(), Idempotency::Idempotent);
    let err = RequestSpec::from_endpoint(&APTIDAO, &route, &[]).unwrap_err();
    assert!(matches!(err, RouteError::MissingParameter { .. }));
}

#[test]
fn method_display_and_default_idempotency() {
    let all = [
        (HttpMethod::Get, "GET", Idempotency::Idempotent),
        (HttpMethod::Post, "POST", Idempotency::StateChanging),
        (HttpMethod::Put, "PUT", Idempotency::Idempotent),
        (HttpMethod::Patch, "PATCH", Idempotency::StateChanging),
        (HttpMethod::Delete, "DELETE", Idempotency::Idempotent),
    ];
    for (m, s, i) in all {
        assert_eq!(m.to_string(), s);
        assert_eq!(m.as_str(), s);
        assert_eq!(m.default_idempotency(), i);
    }
}

proptest! {
    /// Whatever the value, it stays ONE path segment and decodes back to itself.
    #[test]
    fn any_value_stays_one_segment(value in "\\PC{1,40}|[/?#%. ]{1,8}") {
        prop_assume!(value != "." && value != "..");
        let route = Route::new(HttpMethod::Get, "pre/{v}/post");
        let path = route.render(&[("v", &value)]).unwrap();
        let segments: Vec<&str> = path.split('/').collect();
        prop_assert_eq!(segments.len(), 3);
        prop_assert_eq!(segments[0], "pre");
        prop_assert_eq!(segments[2], "post");
        prop_assert!(!segments[1].contains(['?', '#', '/', ' ']));
        prop_assert_eq!(percent_decode(segments[1]), value.clone());
        // And a URL parser keeps it as one segment under any base.
        let url = url::Url::parse("https://h.invalid/api/").unwrap().join(&path).unwrap();
        let segs: Vec<&str> = url.path_segments().unwrap().collect();
        prop_assert_eq!(segs.len(), 4, "{}", url);
        prop_assert!(url.query().is_none() && url.fragment().is_none());
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn overrides_load_from_configuration_and_are_validated() {
    let json = r#"{
        "consultar_aptidao_veiculo_estoque": {"method": "POST", "template": "v2/{chassi}/{cpf_cnpj}"},
        "outra": {"method": "DELETE", "template": "x"}
    }"#;
    let o: RouteOverrides = serde_json::from_str(json).unwrap();
    assert_eq!(o.len(), 2);
    assert_eq!(
        o.resolve(&APTIDAO),
        Route::custom(HttpMethod::Post, "v2/{chassi}/{cpf_cnpj}")
    );
    let back = serde_json::to_value(&o).unwrap();
    assert_eq!(
        back["outra"],
        serde_json::json!({"method": "DELETE", "template": "x"})
    );
    let again: RouteOverrides = serde_json::from_value(back).unwrap();
    assert_eq!(again, o);

    for bad in [
        r#"{"a": {"method": "GET", "template": "x/{"}}"#,
        r#"{"a": {"method": "get", "template": "x"}}"#,
        r#"{"a": {"method": "TRACE", "template": "x"}}"#,
        r#"{"a": {"method": "GET"}}"#,
        r#"{"a": {"method": "GET", "template": "x", "extra": 1}}"#,
    ] {
        let err = serde_json::from_str::<RouteOverrides>(bad).unwrap_err();
        assert!(!err.to_string().is_empty(), "{bad}");
    }
    let err =
        serde_json::from_str::<RouteOverrides>(r#"{"a": {"method": "GET", "template": "x?y"}}"#)
            .unwrap_err();
    assert!(err.to_string().contains("malformed"), "{err}");
}
