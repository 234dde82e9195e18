//! Code tables: every known code and unknown codes round-trip through `FromStr`/`Display` and
//! serde, with the wire type each table uses (`cetmg-api.md` §3–§4, `renave-ws.md` §6).

use std::collections::HashSet;

use proptest::prelude::*;
use renave_domain::*;
use serde_json::{Value, json};

/// Generates the tests of one table: `$codigos` is the expected list of (code, variant) pairs
/// taken from the notes (`cetmg-api.md` §2–§4, `renave-ws.md` §6), `$numero` whether the wire
/// value is a JSON number.
macro_rules! testes_tabela {
    ($modulo:ident, $tipo:ident, numero: $numero:expr, [$(($codigo:literal, $variante:expr)),+ $(,)?]) => {
        mod $modulo {
            use super::*;

            const ESPERADOS: &[(&str, $tipo)] = &[$(($codigo, $variante)),+];

            #[test]
            fn conhece_exatamente_os_codigos_da_especificacao() {
                let conhecidos: Vec<&str> = $tipo::CONHECIDOS.iter().map(|c| c.as_str()).collect();
                let esperados: Vec<&str> = ESPERADOS.iter().map(|(c, _)| *c).collect();
                assert_eq!(conhecidos, esperados);
                let distintos: HashSet<&$tipo> = $tipo::CONHECIDOS.iter().collect();
                assert_eq!(distintos.len(), ESPERADOS.len(), "two variants compare equal");
            }

            #[test]
            fn codigos_conhecidos_fazem_ida_e_volta() {
                for (codigo, variante) in ESPERADOS {
                    let lido: $tipo = codigo.parse().unwrap_or_else(|e| match e {});
                    assert_eq!(&lido, variante, "FromStr of {codigo:?}");
                    assert_eq!($tipo::from(*codigo), *variante);
                    assert_eq!($tipo::from(codigo.to_string()), *variante);
                    assert!(lido.is_conhecido());
                    assert_eq!(lido.as_str(), *codigo);
                    assert_eq!(lido.to_string(), *codigo);
                    assert_eq!(AsRef::<str>::as_ref(&lido), *codigo);
                    let descricao = lido.descricao().expect("known codes have a descricao");
                    assert!(!descricao.is_empty());

                    let fio = serde_json::to_value(&lido).expect("serialises");
                    let esperado = if $numero {
                        json!(codigo.parse::<u64>().expect("numeric code"))
                    } else {
                        json!(codigo)
                    };
                    assert_eq!(fio, esperado, "wire value of {codigo:?}");
                    let de_volta: $tipo = serde_json::from_value(fio).expect("deserialises");
                    assert_eq!(&de_volta, variante);
                    // A string is always accepted on input.
                    let de_texto: $tipo =
                        serde_json::from_value(json!(codigo)).expect("string accepted");
                    assert_eq!(&de_texto, variante);
                }
            }

            #[test]
            fn codigo_desconhecido_e_mantido_e_reescrito_sem_mudanca() {
                for bruto in ["ZZ-novo", "999", "", " 2", "t"] {
                    if ESPERADOS.iter().any(|(c, _)| *c == bruto) {
                        continue;
                    }
                    let lido = $tipo::from(bruto);
                    assert!(!lido.is_conhecido(), "{bruto:?} must be unknown");
                    assert!(matches!(&lido, $tipo::Desconhecido(c) if c.as_str() == bruto));
                    assert_eq!(lido.as_str(), bruto);
                    assert_eq!(lido.to_string(), bruto);
                    assert_eq!(lido.descricao(), None);

                    let fio = serde_json::to_value(&lido).expect("serialises");
                    if $numero && bruto == "999" {
                        assert_eq!(fio, json!(999));
                    } else {
                        assert_eq!(fio, json!(bruto));
                    }
                    let de_volta: $tipo = serde_json::from_value(fio).expect("deserialises");
                    assert_eq!(de_volta, lido);
                }
            }

            #[test]
            fn inteiro_na_entrada_e_lido_como_texto_decimal() {
                let lido: $tipo = serde_json::from_value(json!(4_242_u64)).expect("integer accepted");
                assert_eq!(lido.as_str(), "4242");
                // Issue 3: an unknown value is serialised back unchanged — a number stays a
                // number, whatever the table's usual wire type.
                let saida = serde_json::to_value(&lido).expect("serialises");
                assert_eq!(saida, json!(4242));
                let negativo: $tipo = serde_json::from_value(json!(-7)).expect("integer accepted");
                assert_eq!(negativo.as_str(), "-7");
                assert_eq!(serde_json::to_value(&negativo).expect("serialises"), json!(-7));
                // …and a string stays a string, even when it looks like a number.
                let texto: $tipo = serde_json::from_value(json!("4242")).expect("string accepted");
                assert_eq!(serde_json::to_value(&texto).expect("serialises"), json!("4242"));
                let texto: $tipo = serde_json::from_value(json!("-7")).expect("string accepted");
                assert_eq!(serde_json::to_string(&texto).expect("serialises"), r#""-7""#);
                // Equality looks at the code, not at the JSON type it came in.
                assert_eq!(lido, $tipo::from("4242"));
            }

            #[test]
            fn tipo_json_errado_e_erro_claro() {
                for errado in [json!(true), Value::Null, json!({"a": 1}), json!([1]), json!(1.5)] {
                    let erro = serde_json::from_value::<$tipo>(errado.clone())
                        .expect_err("not a code");
                    assert!(
                        erro.to_string().contains("code (a string or an integer)"),
                        "{errado}: {erro}"
                    );
                }
            }

            #[test]
            fn esquema_json_declara_o_tipo_do_fio() {
                let esquema = serde_json::to_value(schemars::schema_for!($tipo)).expect("schema");
                let tipo = if $numero { json!(["integer", "string"]) } else { json!("string") };
                assert_eq!(esquema["type"], tipo);
                let exemplos = esquema["examples"].as_array().expect("examples").len();
                assert_eq!(exemplos, ESPERADOS.len());
                let descricao = esquema["description"].as_str().expect("description");
                for (codigo, _) in ESPERADOS {
                    assert!(descricao.contains(codigo), "{codigo} missing from {descricao}");
                }
            }

            proptest! {
                #[test]
                fn qualquer_texto_faz_ida_e_volta(bruto in any::<String>()) {
                    let lido = $tipo::from(bruto.as_str());
                    prop_assert_eq!(lido.as_str(), bruto.as_str());
                    prop_assert_eq!(lido.is_conhecido(), ESPERADOS.iter().any(|(c, _)| *c == bruto));
                    let fio = serde_json::to_string(&lido).expect("serialises");
                    let de_volta: $tipo = serde_json::from_str(&fio).expect("deserialises");
                    prop_assert_eq!(de_volta, lido);
                }

                #[test]
                fn qualquer_inteiro_faz_ida_e_volta(n in any::<u64>()) {
                    let lido: $tipo = serde_json::from_value(json!(n)).expect("integer accepted");
                    prop_assert_eq!(lido.as_str(), n.to_string());
                    let fio = serde_json::to_value(&lido).expect("serialises");
                    // A known code is written in the table's wire type; an unknown one as it came.
                    let conhecido_texto = !$numero && lido.is_conhecido();
                    prop_assert_eq!(fio, if conhecido_texto { json!(n.to_string()) } else { json!(n) });
                }
            }
        }
    };
}

testes_tabela!(codigo_retorno, CodigoRetorno, numero: false, [("000", CodigoRetorno::Sucesso)]);

testes_tabela!(atividade, Atividade, numero: false, [
    ("T", Atividade::Taxi),
    ("L", Atividade::Locadora),
    ("E", Atividade::Escolar),
    ("C", Atividade::Colecao),
    ("O", Atividade::Outros),
]);

testes_tabela!(categoria, Categoria, numero: true, [
    ("1", Categoria::Particular),
    ("2", Categoria::Aluguel),
    ("5", Categoria::Aprendizagem),
    ("7", Categoria::ChefeMissaoDiplomatica),
    ("8", Categoria::CorpoConsular),
    ("9", Categoria::OrganismoInternacional),
    ("10", Categoria::CorpoDiplomatico),
    ("11", Categoria::MissaoReparticaoRepresentacaoInternacional),
    ("12", Categoria::AcordoCooperacaoInternacional),
]);

testes_tabela!(modalidade_compra, ModalidadeCompra, numero: true, [
    ("0", ModalidadeCompra::SemFinanciamento),
    ("2", ModalidadeCompra::ReservaDominio),
    ("4", ModalidadeCompra::ComFinanciamento),
]);

testes_tabela!(isencao_ipva, IsencaoIpva, numero: true, [
    ("1", IsencaoIpva::Isento),
    ("2", IsencaoIpva::NaoIsento),
]);

testes_tabela!(codigo_taxa, CodigoTaxa, numero: true, [("64", CodigoTaxa::VistoriaMovel)]);

testes_tabela!(tipo_veiculo, TipoVeiculo, numero: false, [
    ("02", TipoVeiculo::Ciclomotor),
    ("03", TipoVeiculo::Motoneta),
    ("04", TipoVeiculo::Motocicleta),
    ("05", TipoVeiculo::Triciclo),
    ("06", TipoVeiculo::Automovel),
    ("07", TipoVeiculo::MicroOnibus),
    ("08", TipoVeiculo::Onibus),
    ("10", TipoVeiculo::Reboque),
    ("11", TipoVeiculo::Semirreboque),
    ("13", TipoVeiculo::Camioneta),
    ("14", TipoVeiculo::Caminhao),
    ("17", TipoVeiculo::CaminhaoTrator),
    ("18", TipoVeiculo::TratorRodas),
    ("19", TipoVeiculo::TratorEsteiras),
    ("20", TipoVeiculo::TratorMisto),
    ("21", TipoVeiculo::Quadriciclo),
    ("22", TipoVeiculo::EspecialOnibus),
    ("23", TipoVeiculo::Caminhonete),
    ("24", TipoVeiculo::CargaCam),
    ("25", TipoVeiculo::Utilitario),
    ("26", TipoVeiculo::MotorCasa),
]);

testes_tabela!(tipo_documento_adquirente, TipoDocumentoAdquirente, numero: true, [
    ("1", TipoDocumentoAdquirente::Cpf),
    ("2", TipoDocumentoAdquirente::Cnpj),
]);

testes_tabela!(documento_id, DocumentoId, numero: true, [
    ("35", DocumentoId::DocumentacaoIdentificacao),
    ("238", DocumentoId::ContratoSocial),
    ("284", DocumentoId::AutorizacaoPoderPublico),
    ("285", DocumentoId::CartaoCnpj),
    ("286", DocumentoId::DocumentoMinisterioExterior),
    ("288", DocumentoId::CertificadoVeiculoColecao),
    ("289", DocumentoId::DocumentoJudicial),
    ("291", DocumentoId::ContratoComodatoArrendamento),
]);

testes_tabela!(tipo_crv, TipoCrv, numero: false, [
    ("AZUL", TipoCrv::Azul),
    ("VERDE", TipoCrv::Verde),
    ("BRANCO", TipoCrv::Branco),
    ("DIGITAL", TipoCrv::Digital),
]);

testes_tabela!(tipo_documento, TipoDocumento, numero: false, [
    ("CPF", TipoDocumento::Cpf),
    ("CNPJ", TipoDocumento::Cnpj),
]);

testes_tabela!(estado_estoque, EstadoEstoque, numero: false, [
    ("SOLICITADO", EstadoEstoque::Solicitado),
    ("TRANSFERIDO", EstadoEstoque::Transferido),
    ("CONFIRMADO", EstadoEstoque::Confirmado),
    ("FINALIZADO", EstadoEstoque::Finalizado),
]);

testes_tabela!(evento_nota_fiscal, EventoNotaFiscal, numero: false, [
    ("COMPRA", EventoNotaFiscal::Compra),
    ("VENDA", EventoNotaFiscal::Venda),
]);

testes_tabela!(motivo_saida, MotivoSaida, numero: false, [
    ("VENDA", MotivoSaida::Venda),
    ("BAIXA_DO_VEICULO", MotivoSaida::BaixaDoVeiculo),
    ("TRANSFERENCIA_ESTABELECIMENTO", MotivoSaida::TransferenciaEstabelecimento),
    ("TRANSFERENCIA_FILIAIS", MotivoSaida::TransferenciaFiliais),
    ("CANCELAMENTO_ENTRADA", MotivoSaida::CancelamentoEntrada),
    ("DEVOLUCAO_MONTADORA", MotivoSaida::DevolucaoMontadora),
]);

testes_tabela!(tipo_assinatura_vendedor, TipoAssinaturaVendedor, numero: false, [
    ("PROPRIO_PUNHO_ATPV_PAPEL_MOEDA", TipoAssinaturaVendedor::ProprioPunhoAtpvPapelMoeda),
    ("PROPRIO_PUNHO_ATPVE", TipoAssinaturaVendedor::ProprioPunhoAtpve),
    (
        "QUALIFICADA_P7S_SOBRE_FOTO_ATPV_PAPEL_MOEDA",
        TipoAssinaturaVendedor::QualificadaP7sSobreFotoAtpvPapelMoeda
    ),
    ("QUALIFICADA_P7S_SOBRE_XML_ATPVE", TipoAssinaturaVendedor::QualificadaP7sSobreXmlAtpve),
    ("AVANCADA_SOBRE_PDF_ATPVE", TipoAssinaturaVendedor::AvancadaSobrePdfAtpve),
]);

testes_tabela!(estado_autorizacao_transferencia, EstadoAutorizacaoTransferencia, numero: false, [
    ("CRIADA", EstadoAutorizacaoTransferencia::Criada),
    ("CONSUMIDA", EstadoAutorizacaoTransferencia::Consumida),
    ("CANCELADA", EstadoAutorizacaoTransferencia::Cancelada),
]);

testes_tabela!(estado_intencao_venda, EstadoIntencaoVenda, numero: false, [
    ("REGISTRADA", EstadoIntencaoVenda::Registrada),
    ("VENDA_COMUNICADA", EstadoIntencaoVenda::VendaComunicada),
    ("CANCELADA", EstadoIntencaoVenda::Cancelada),
    ("CONSUMIDA", EstadoIntencaoVenda::Consumida),
]);

testes_tabela!(motivo_rejeicao, MotivoRejeicao, numero: false, [
    ("DESISTENCIA", MotivoRejeicao::Desistencia),
    ("ERRO_OPERACIONAL_MONTADORA", MotivoRejeicao::ErroOperacionalMontadora),
]);

testes_tabela!(motivo_devolucao_montadora, MotivoDevolucaoMontadora, numero: false, [
    ("DESISTENCIA", MotivoDevolucaoMontadora::Desistencia),
    ("DEVOLUCAO_MONTADORA_FINS_DE_TRANSFORMACAO", MotivoDevolucaoMontadora::FinsDeTransformacao),
    (
        "DEVOLUCAO_MONTADORA_CORRECAO_DE_DADOS_CADASTRAIS_FABRIS",
        MotivoDevolucaoMontadora::CorrecaoDeDadosCadastraisFabris
    ),
    ("DEVOLUCAO_MONTADORA_AVARIAS", MotivoDevolucaoMontadora::Avarias),
    ("DEVOLUCAO_MONTADORA_VENDA_DIRETA", MotivoDevolucaoMontadora::VendaDireta),
]);

// Table-specific behaviour.

#[test]
fn codigo_retorno_so_000_e_sucesso() {
    assert!(CodigoRetorno::from("000").is_sucesso());
    for outro in ["0", "00", "0000", "001", "999", " 000", ""] {
        assert!(!CodigoRetorno::from(outro).is_sucesso(), "{outro:?}");
    }
    // A JSON number 0 is not the string "000"; as an unknown value it is written back as the
    // number it came in (issue 3: "serialises it back unchanged").
    let zero: CodigoRetorno = serde_json::from_value(json!(0)).expect("integer accepted");
    assert!(!zero.is_sucesso());
    assert_eq!(serde_json::to_value(&zero).expect("serialises"), json!(0));
}

#[test]
fn codigos_numericos_nao_sao_normalizados() {
    // "02" is not 2: no silent fix-up, and the raw text is written back as a string.
    let categoria: Categoria = serde_json::from_value(json!("02")).expect("string accepted");
    assert!(!categoria.is_conhecido());
    assert_eq!(
        serde_json::to_value(&categoria).expect("serialises"),
        json!("02")
    );
    // "3" is not the two-digit tipo de veículo "03".
    assert!(!TipoVeiculo::from("3").is_conhecido());
    let tres: TipoVeiculo = serde_json::from_value(json!(3)).expect("integer accepted");
    assert!(!tres.is_conhecido());
}

#[test]
fn categorias_diplomaticas_sao_7_a_12() {
    let diplomaticas: Vec<&str> = Categoria::CONHECIDOS
        .iter()
        .filter(|c| c.is_diplomatica_ou_internacional())
        .map(Categoria::as_str)
        .collect();
    assert_eq!(diplomaticas, ["7", "8", "9", "10", "11", "12"]);
    assert!(!Categoria::from("13").is_diplomatica_ou_internacional());
}

#[test]
fn motocicleta_e_motoneta_sao_03_e_04() {
    let motos: Vec<&str> = TipoVeiculo::CONHECIDOS
        .iter()
        .filter(|t| t.is_motocicleta_ou_motoneta())
        .map(TipoVeiculo::as_str)
        .collect();
    assert_eq!(motos, ["03", "04"]);
}

#[test]
fn desconhecido_igual_a_desconhecido_com_o_mesmo_codigo() {
    assert_eq!(Atividade::from("X"), Atividade::from("X".to_string()));
    assert_ne!(Atividade::from("X"), Atividade::from("Y"));
    let desconhecido = Atividade::from("X");
    let Atividade::Desconhecido(bruto) = &desconhecido else {
        panic!("X is not a known atividade");
    };
    assert_eq!(bruto.to_string(), "X");
    assert_eq!(AsRef::<str>::as_ref(bruto), "X");
    assert!(format!("{desconhecido:?}").contains('X'));
}

#[test]
fn tabelas_dentro_de_structs_fazem_ida_e_volta() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Pedido {
        atividade: Atividade,
        categoria: Categoria,
        tipo_veiculo: TipoVeiculo,
        documentos: Vec<DocumentoId>,
    }
    let fio = json!({
        "atividade": "O",
        "categoria": 2,
        "tipo_veiculo": "04",
        "documentos": [284, "999", 1000]
    });
    let pedido: Pedido = serde_json::from_value(fio).expect("deserialises");
    assert_eq!(pedido.atividade, Atividade::Outros);
    assert_eq!(pedido.categoria, Categoria::Aluguel);
    assert_eq!(pedido.tipo_veiculo, TipoVeiculo::Motocicleta);
    assert_eq!(pedido.documentos[0], DocumentoId::AutorizacaoPoderPublico);
    // Known codes in the table's wire type; the unknown "999" (a string) and 1000 (a number)
    // exactly as they came.
    assert_eq!(
        serde_json::to_value(&pedido).expect("serialises"),
        json!({
            "atividade": "O",
            "categoria": 2,
            "tipo_veiculo": "04",
            "documentos": [284, "999", 1000]
        })
    );
    // A code built in Rust follows the table's wire type.
    assert_eq!(
        serde_json::to_value(DocumentoId::from("999")).expect("serialises"),
        json!(999)
    );
}

testes_tabela!(cor, Cor, numero: false, [
    ("01", Cor::Amarela),
    ("02", Cor::Azul),
    ("03", Cor::Bege),
    ("04", Cor::Branca),
    ("05", Cor::Cinza),
    ("06", Cor::Dourada),
    ("07", Cor::Grena),
    ("08", Cor::Laranja),
    ("09", Cor::Marrom),
    ("10", Cor::Prata),
    ("11", Cor::Preta),
    ("12", Cor::Rosa),
    ("13", Cor::Roxa),
    ("14", Cor::Verde),
    ("15", Cor::Vermelha),
    ("16", Cor::Fantasia),
]);

testes_tabela!(especie, Especie, numero: false, [
    ("1", Especie::Passageiro),
    ("2", Especie::Carga),
    ("3", Especie::Misto),
    ("4", Especie::Corrida),
    ("5", Especie::Tracao),
    ("6", Especie::Especial),
]);

testes_tabela!(combustivel, Combustivel, numero: false, [
    ("01", Combustivel::Alcool),
    ("02", Combustivel::Gasolina),
    ("03", Combustivel::Diesel),
    ("04", Combustivel::Gasogenio),
    ("05", Combustivel::GasMetano),
    ("06", Combustivel::EletricoFonteInterna),
    ("07", Combustivel::EletricoFonteExterna),
    ("08", Combustivel::GasolinaGasNaturalCombustivel),
    ("09", Combustivel::AlcoolGasNaturalCombustivel),
    ("10", Combustivel::DieselGasNaturalCombustivel),
    ("11", Combustivel::VideCampoObservacao),
    ("12", Combustivel::AlcoolGasNaturalVeicular),
    ("13", Combustivel::GasolinaGasNaturalVeicular),
    ("14", Combustivel::DieselGasNaturalVeicular),
    ("15", Combustivel::GasNaturalVeicular),
    ("16", Combustivel::AlcoolGasolina),
    ("17", Combustivel::GasolinaAlcoolGnv),
    ("18", Combustivel::GasolinaEletrico),
]);

#[test]
fn cor_so_na_forma_da_tabela() {
    // The reported bug: `"1"` is not the table's `"01"`.
    assert_eq!(Cor::from("01"), Cor::Amarela);
    let curta = Cor::from("1");
    assert!(!curta.is_conhecido());
    let erro = curta.exigir_conhecido("codigo_cor").expect_err("refused");
    assert_eq!(erro.tipo(), "codigo_cor");
    assert!(erro.to_string().contains("codigo_cor"), "{erro}");
    // A JSON integer is read as its decimal text, so `1` is not `"01"` either.
    let lida: Cor = serde_json::from_value(json!(1)).expect("integer read");
    assert!(lida.exigir_conhecido("codigo_cor").is_err());
}

#[test]
fn codigo_desconhecido_so_passa_se_permitido() {
    assert!(Cor::Preta.exigir_conhecido("codigo_cor").is_ok());
    assert!(Categoria::Particular.exigir_conhecido("categoria").is_ok());
    // Read from JSON or parsed: refused in a request.
    let lida: Categoria = serde_json::from_value(json!(13)).expect("read");
    assert!(lida.exigir_conhecido("categoria").is_err());
    assert!(Categoria::from("13").exigir_conhecido("categoria").is_err());
    // Explicitly allowed: accepted, equal to the parsed one, and written as the table's type.
    let permitida = Categoria::desconhecido_permitido("13");
    assert!(!permitida.is_conhecido());
    assert!(permitida.exigir_conhecido("categoria").is_ok());
    assert_eq!(permitida, Categoria::from("13"));
    assert_eq!(serde_json::to_value(&permitida).expect("json"), json!(13));
    let cor = Cor::desconhecido_permitido("99");
    assert!(cor.exigir_conhecido("codigo_cor").is_ok());
    assert_eq!(serde_json::to_value(&cor).expect("json"), json!("99"));
    // A known code given to desconhecido_permitido is its variant.
    assert_eq!(Cor::desconhecido_permitido("11"), Cor::Preta);
    match &cor {
        Cor::Desconhecido(c) => assert!(c.is_permitido()),
        _ => unreachable!("99 is unknown"),
    }
}

#[test]
fn codigo_sem_tabela_so_digitos() {
    use renave_domain::tabelas::construtor::exigir_codigo_numerico;
    assert!(exigir_codigo_numerico("codigo_marca_modelo", "150101").is_ok());
    for ruim in ["", "15A", " 1", "1234567890123"] {
        let erro = exigir_codigo_numerico("codigo_marca_modelo", ruim).expect_err("refused");
        assert_eq!(erro.tipo(), "codigo_marca_modelo");
    }
}
