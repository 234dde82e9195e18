//! Table-driven wiremock contract tests: one row per operation (how to call it, the expected
//! method, path, query and body, a canned success answer), then for every row: success decode,
//! a `codigo_retorno` business error, HTTP 400/401/403/404/409/429/500 with the bodies the
//! regulation (and the WSO2 gateway) describe, an HTML error page and a malformed body.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

mod comum;

use std::future::Future;
use std::pin::Pin;

use base64::Engine as _;
use comum::*;
use renave_domain::{
    Atividade, Categoria, CodigoTaxa, CondicoesDocumentos, DocumentoId, IsencaoIpva,
    ModalidadeCompra, TipoDocumentoAdquirente, TipoVeiculo, Uf,
};
use renave_mg_client::operacoes::agenda::{Agendamento, ConsultaPeriodosAtendimento};
use renave_mg_client::operacoes::dae::EmissaoGuiaDae;
use renave_mg_client::operacoes::estoque::{
    ComunicacaoVendaEntradaEstoque, ComunicacaoVendaSaidaEstoque, ConsultaAptidaoVeiculoEstoque,
    ConsultaSolicitacaoTransferencia, SolicitacaoTransferencia,
};
use renave_mg_client::operacoes::protocolo_digital::{
    ConsultaProtocoloRenave, ConsultaVeiculosComunicacaoVenda, DocumentoAnexo,
    ProcessoTransferencia, RegularizacaoPendencia, UploadFichaCadastro,
};
use renave_mg_client::operacoes::vistoria::{
    CompradorChassi, ConsultaRegioesMunicipio, DistribuicaoVeiculoEcv,
};
use renave_mg_client::{ClienteCetMg, Erro};
use serde_json::{Value, json};
use wiremock::matchers::{body_partial_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

type Futuro = Pin<Box<dyn Future<Output = Result<Value, Erro>> + Send>>;

struct Linha {
    nome: &'static str,
    metodo: &'static str,
    caminho: String,
    query: Vec<(&'static str, String)>,
    corpo: Option<Value>,
    sucesso: Value,
    chamar: fn(ClienteCetMg) -> Futuro,
    conferir: fn(&Value),
}

macro_rules! chamada {
    (|$c:ident| $e:expr) => {
        |$c: ClienteCetMg| -> Futuro {
            Box::pin(async move { $e.await.map(|r| serde_json::to_value(&r).unwrap()) })
        }
    };
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn alvo() -> CompradorChassi {
    CompradorChassi {
        cpf_cnpj_comprador: cpf(),
        chassi: chassi(),
    }
}

pub(crate) fn processo() -> ProcessoTransferencia {
    ProcessoTransferencia {
        placa: placa(),
        chassi: chassi(),
        renavam: renavam(),
        marca_modelo: "VW/GOL 1.0".into(),
        cpf_cnpj_solicitante: cpf_cnpj_pj(),
        nome_solicitante: "Loja Exemplo Ltda".into(),
        email_solicitante: "loja@example.com".into(),
        telefone_solicitante: "3133330000".into(),
        nome_adquirente: "Maria Silva".into(),
        cpf_cnpj_adquirente: cpf(),
        logradouro_adquirente: "Rua A".into(),
        numero_adquirente: "10".into(),
        complemento_adquirente: None,
        bairro_adquirente: "Centro".into(),
        cep_adquirente: "30130000".parse().unwrap(),
        codigo_ibge_municipio_adquirente: "3106200".parse().unwrap(),
        nome_municipio_adquirente: "Belo Horizonte".into(),
        uf_adquirente: Uf::Mg,
        atividade: Atividade::Taxi,
        categoria: Categoria::Aluguel,
        codigo_tipo_veiculo: None,
        tipo_veiculo: TipoVeiculo::Automovel,
        isencao_ipva: false,
        alterar_endereco: false,
        alterar_nome: false,
        alterar_cor: false,
        alterar_caracteristicas_tecnicas: false,
        instalar_bascula: false,
        alterar_eixo: false,
        determinacao_judicial: false,
        inserir_comodato: false,
        tipo_documento_adquirente: None,
        documentos_anexados: vec![DocumentoId::AutorizacaoPoderPublico],
    }
}

fn solicitacao() -> SolicitacaoTransferencia {
    SolicitacaoTransferencia {
        cpf_cnpj_estabelecimento: cnpj(),
        placa: placa(),
        renavam: renavam(),
        chassi: chassi(),
        codigo_cor: renave_domain::Cor::Branca,
        cilindrada: Some(999),
        potencia: Some(80),
        codigo_tipo: TipoVeiculo::Automovel,
        codigo_especie: renave_domain::Especie::Passageiro,
        capacidade_maxima_tracao: None,
        registro_transporte_bens: None,
        numero_passageiros: Some(5),
        codigo_combustivel: renave_domain::Combustivel::AlcoolGasolina,
        codigo_marca_modelo: "105234".into(),
        codigo_carroceria: None,
        capacidade_carga: None,
        numero_eixos: Some(2),
        peso_bruto_total: Some(1.45),
        categoria: Categoria::from("1"),
        atividade: Some(Atividade::Outros),
        nome_comprador: "Maria Silva".into(),
        cpf_cnpj_comprador: cpf(),
        endereco_comprador: "Rua A".into(),
        numero_endereco_comprador: "10".into(),
        complemento_comprador: None,
        bairro_comprador: "Centro".into(),
        cep_comprador: "30130000".parse().unwrap(),
        endereco_correspondencia: None,
        numero_correspondencia: None,
        complemento_correspondencia: None,
        bairro_correspondencia: None,
        cep_correspondencia: None,
        codigo_municipio_emplacamento: "4123".parse().unwrap(),
        data_recibo: "2025-10-09".parse().unwrap(),
        valor_venda: "45000.00".parse().unwrap(),
        isencao_ipva: IsencaoIpva::NaoIsento,
        modalidade_compra: ModalidadeCompra::SemFinanciamento,
    }
}

fn linhas() -> Vec<Linha> {
    let pdf = pdf_minimo();
    let tabela = |nome: &'static str, rel: &str, chamar: fn(ClienteCetMg) -> Futuro| Linha {
        nome,
        metodo: "GET",
        caminho: caminho(&format!("tabelas-auxiliares/{rel}")),
        query: vec![],
        corpo: None,
        sucesso: json!({"codigo_retorno": "000", "dados": [{"codigo": 1, "descricao": "ITEM"}]}),
        chamar,
        conferir: |v| {
            assert_eq!(v["dados"][0]["codigo"], json!(1));
            assert_eq!(v["dados"][0]["descricao"], json!("ITEM"));
        },
    };
    vec![
        Linha {
            nome: "consultar_aptidao_veiculo_estoque",
            metodo: "GET",
            caminho: caminho(&format!(
                "consultar-aptidao-veiculo-estoque/{CHASSI}/{CPF}/{CNPJ}"
            )),
            query: vec![],
            corpo: None,
            sucesso: json!({"codigo_retorno": "000", "mensagem_retorno": "OK",
                "gravame": false, "multas_exigiveis": "2", "pendencias_ipva": 1, "campo_novo": "x"}),
            chamar: chamada!(|c| c.consultar_aptidao_veiculo_estoque(
                &ConsultaAptidaoVeiculoEstoque {
                    chassi: chassi(),
                    cpf_cnpj_proprietario: cpf(),
                    cpf_cnpj_estabelecimento: cnpj(),
                }
            )),
            conferir: |v| {
                assert_eq!(v["multas_exigiveis"], json!(2));
                assert_eq!(v["pendencias_ipva"], json!(true));
                assert_eq!(v["campo_novo"], json!("x"));
            },
        },
        Linha {
            nome: "consultar_solicitacao_transferencia",
            metodo: "GET",
            caminho: caminho("consultar-solicitacao-servico-transferencia-propriedade-veiculo"),
            query: vec![
                ("chassi", CHASSI.into()),
                ("cpf_cnpj_proprietario", CPF.into()),
                ("cpf_cnpj_estabelecimento", CNPJ.into()),
                ("placa", PLACA.into()),
            ],
            corpo: None,
            sucesso: json!({"codigo_retorno": "000", "situacao": "REGISTRADA"}),
            chamar: chamada!(|c| c.consultar_solicitacao_transferencia(
                &ConsultaSolicitacaoTransferencia {
                    chassi: chassi(),
                    cpf_cnpj_proprietario: cpf(),
                    cpf_cnpj_estabelecimento: cnpj(),
                    placa: Some(placa()),
                    renavam: None,
                }
            )),
            conferir: |v| assert_eq!(v["situacao"], json!("REGISTRADA")),
        },
        Linha {
            nome: "registrar_solicitacao_transferencia",
            metodo: "POST",
            caminho: caminho("registrar-solicitacao-servico-transferencia-propriedade-veiculo"),
            query: vec![],
            corpo: Some(json!({
                "cpf_cnpj_estabelecimento": CNPJ, "placa": PLACA, "renavam": RENAVAM, "chassi": CHASSI,
                "codigo_cor": "04", "cilindrada": 999, "codigo_tipo": "06", "codigo_especie": "1",
                "codigo_combustivel": "16", "codigo_marca_modelo": "105234", "categoria": 1,
                "atividade": "O", "nome_comprador": "Maria Silva", "cpf_cnpj_comprador": CPF,
                "cep_comprador": "30130000", "codigo_municipio_emplacamento": "4123",
                "data_recibo": "2025-10-09", "isencao_ipva": 2, "modalidade_compra": 0,
                "peso_bruto_total": 1.45
            })),
            sucesso: corpo_sucesso_vazio(),
            chamar: chamada!(|c| c.registrar_solicitacao_transferencia(&solicitacao())),
            conferir: |v| assert_eq!(v["codigo_retorno"], json!("000")),
        },
        Linha {
            nome: "registrar_comunicacao_venda_entrada_estoque",
            metodo: "POST",
            caminho: caminho("registrar-comunicacao-venda-entrada-estoque"),
            query: vec![],
            corpo: Some(
                json!({"placa": PLACA, "renavam": RENAVAM, "chassi": CHASSI, "numero_atpve": "123456789"}),
            ),
            sucesso: corpo_sucesso_vazio(),
            chamar: chamada!(|c| c.registrar_comunicacao_venda_entrada_estoque(
                &ComunicacaoVendaEntradaEstoque {
                    placa: placa(),
                    renavam: renavam(),
                    chassi: chassi(),
                    numero_atpve: "123456789".into(),
                }
            )),
            conferir: |v| assert_eq!(v["mensagem_retorno"], json!("Sucesso")),
        },
        Linha {
            nome: "registrar_comunicacao_venda_saida_estoque",
            metodo: "POST",
            caminho: caminho("registrar-comunicacao-venda-saida-estoque"),
            query: vec![],
            corpo: Some(
                json!({"id_estoque": 987_654, "cpf_cnpj_comprador": CPF, "placa": PLACA,
                "renavam": RENAVAM, "chassi": CHASSI, "numero_atpve": "123456789"}),
            ),
            sucesso: corpo_sucesso_vazio(),
            chamar: chamada!(|c| c.registrar_comunicacao_venda_saida_estoque(
                &ComunicacaoVendaSaidaEstoque {
                    id_estoque: 987_654u64.into(),
                    cpf_cnpj_comprador: cpf(),
                    placa: placa(),
                    renavam: renavam(),
                    chassi: chassi(),
                    numero_atpve: "123456789".into(),
                }
            )),
            conferir: |v| assert_eq!(v["codigo_retorno"], json!("000")),
        },
        Linha {
            nome: "emitir_guia_dae",
            metodo: "POST",
            caminho: caminho("portal-transito/emitir-guia-dae"),
            query: vec![],
            corpo: Some(
                json!({"cnpj_estabelecimento": CNPJ, "codigo_taxa": 64, "cpf_cnpj_comprador": CPF,
                "uf_origem_comprador": "MG", "codigo_municipio_emplacamento": "4123"}),
            ),
            sucesso: json!({"codigo_retorno": "000", "linha_digitavel": LINHA, "pix_copia_e_cola": PIX,
                "arquivo_dae": b64(&pdf), "valor_taxa": 150.55, "data_vencimento": "2025-12-10",
                "placa": PLACA, "codigo_taxa": 64, "mensagem1": "Linha 1"}),
            chamar: chamada!(|c| c.emitir_guia_dae(&EmissaoGuiaDae {
                cnpj_estabelecimento: cnpj(),
                codigo_taxa: CodigoTaxa::VistoriaMovel,
                cpf_cnpj_comprador: cpf(),
                uf_origem_comprador: Uf::Mg,
                codigo_municipio_emplacamento: "4123".parse().unwrap(),
            })),
            conferir: |v| {
                assert_eq!(v["guias"][0]["linha_digitavel"], json!(LINHA));
                assert_eq!(v["guias"][0]["mensagem1"], json!("Linha 1"));
            },
        },
        Linha {
            nome: "consultar_distribuicao_ativa",
            metodo: "GET",
            caminho: caminho(&format!(
                "vistoria/consultar-distribuicao-ativa/{CPF}/{CHASSI}"
            )),
            query: vec![],
            corpo: None,
            sucesso: json!({"codigo_retorno": "000", "razao_social_ecv": "ECV Centro", "vistoria_movel": 1}),
            chamar: chamada!(|c| c.consultar_distribuicao_ativa(&alvo())),
            conferir: |v| {
                assert_eq!(v["razao_social_ecv"], json!("ECV Centro"));
                assert_eq!(v["vistoria_movel"], json!(true));
            },
        },
        Linha {
            nome: "consultar_ultimo_laudo",
            metodo: "GET",
            caminho: caminho(&format!("vistoria/consultar-ultimo-laudo/{CPF}/{CHASSI}")),
            query: vec![],
            corpo: None,
            sucesso: json!({"codigo_retorno": "000", "numero_laudo": "L-1", "data_emissao": "2025-09-01"}),
            chamar: chamada!(|c| c.consultar_ultimo_laudo(&alvo())),
            conferir: |v| assert_eq!(v["data_emissao"], json!("2025-09-01")),
        },
        Linha {
            nome: "retornar_regioes_municipio",
            metodo: "GET",
            caminho: caminho("vistoria/retornar-regioes-municipio/4123/1"),
            query: vec![],
            corpo: None,
            sucesso: json!({"codigo_retorno": "000", "dados": [{"municipio_regiao_id": 77, "nome_regiao": "Centro", "regiao_padrao": 1}]}),
            chamar: chamada!(|c| c.retornar_regioes_municipio(&ConsultaRegioesMunicipio {
                municipio_id: 4123u64.into(),
                tipo_ecv_id: 1u64.into(),
            })),
            conferir: |v| {
                assert_eq!(v["dados"][0]["municipio_regiao_id"], json!(77));
                assert_eq!(v["dados"][0]["regiao_padrao"], json!(true));
            },
        },
        Linha {
            nome: "distribuir_veiculo_ecv",
            metodo: "POST",
            caminho: caminho("vistoria/distribuir"),
            query: vec![],
            corpo: Some(
                json!({"cnpj_estabelecimento": CNPJ, "municipio_regiao_id": 77, "cpf_cnpj_comprador": CPF,
                "telefone_comprador": "31999990000", "email_comprador": "maria@example.com",
                "vistoria_movel": false, "receber_pesquisa": true}),
            ),
            sucesso: json!({"codigo_retorno": "000", "cnpj_ecv": CNPJ, "vistoria_id": 555, "regiao_padrao": "1"}),
            chamar: chamada!(|c| c.distribuir_veiculo_ecv(&DistribuicaoVeiculoEcv {
                cnpj_estabelecimento: cnpj(),
                municipio_regiao_id: 77u64.into(),
                cpf_cnpj_comprador: cpf(),
                telefone_comprador: "31999990000".into(),
                email_comprador: "maria@example.com".into(),
                vistoria_movel: false,
                receber_pesquisa: true,
            })),
            conferir: |v| {
                assert_eq!(v["vistoria_id"], json!(555));
                assert_eq!(v["regiao_padrao"], json!(true));
            },
        },
        Linha {
            nome: "consultar_agendamento",
            metodo: "GET",
            caminho: caminho(&format!(
                "agenda-minas/consultar-agendamento/{CPF}/{CHASSI}"
            )),
            query: vec![],
            corpo: None,
            sucesso: json!({"codigo_retorno": "000", "data_agendada": "2025-12-01", "periodo_id": 5}),
            chamar: chamada!(|c| c.consultar_agendamento(&alvo())),
            conferir: |v| assert_eq!(v["periodo_id"], json!(5)),
        },
        Linha {
            nome: "retornar_datas_com_vagas",
            metodo: "GET",
            caminho: caminho(&format!(
                "agenda-minas/retornar-datas-com-vagas-para-agendamento/{CPF}/{CHASSI}"
            )),
            query: vec![],
            corpo: None,
            sucesso: json!(["2025-12-01", {"data": "2025-12-02", "vagas": 3}]),
            chamar: chamada!(|c| c.retornar_datas_com_vagas(&alvo())),
            conferir: |v| {
                assert_eq!(v["dados"][0]["data"], json!("2025-12-01"));
                assert_eq!(v["dados"][1]["vagas"], json!(3));
            },
        },
        Linha {
            nome: "retornar_periodos_atendimento",
            metodo: "GET",
            caminho: caminho(&format!(
                "agenda-minas/retornar-periodos-atendimento/2025-12-01/{CPF}/{CHASSI}"
            )),
            query: vec![],
            corpo: None,
            sucesso: json!({"codigo_retorno": "000", "periodos": [{"periodo_id": 5, "descricao": "08:00-09:00"}]}),
            chamar: chamada!(
                |c| c.retornar_periodos_atendimento(&ConsultaPeriodosAtendimento {
                    data_agendada: "2025-12-01".parse().unwrap(),
                    alvo: alvo(),
                })
            ),
            conferir: |v| assert_eq!(v["dados"][0]["id"], json!(5)),
        },
        Linha {
            nome: "gravar_agendamento",
            metodo: "POST",
            caminho: caminho("agenda-minas/gravar-agendamento"),
            query: vec![],
            corpo: Some(
                json!({"cnpj_estabelecimento": CNPJ, "data_agendada": "2025-12-01", "periodo_id": 5,
                "cpf_cnpj_comprador": CPF, "chassi": CHASSI}),
            ),
            sucesso: corpo_sucesso_vazio(),
            chamar: chamada!(|c| c.gravar_agendamento(&Agendamento {
                cnpj_estabelecimento: cnpj(),
                data_agendada: "2025-12-01".parse().unwrap(),
                periodo_id: 5u64.into(),
                cpf_cnpj_comprador: cpf(),
                chassi: chassi(),
            })),
            conferir: |v| assert_eq!(v["codigo_retorno"], json!("000")),
        },
        Linha {
            nome: "criar_processo_transferencia",
            metodo: "POST",
            caminho: caminho("protocolo-digital/criar-processo-transferencia"),
            query: vec![],
            corpo: Some(json!({"placa": PLACA, "chassi": CHASSI, "renavam": RENAVAM,
                "cpf_cnpj_solicitante": CNPJ, "cpf_cnpj_adquirente": CPF, "cep_adquirente": "30130000",
                "codigo_ibge_municipio_adquirente": "3106200", "uf_adquirente": "MG",
                "atividade": "T", "categoria": 2, "tipo_veiculo": "06", "alterar_nome": false,
                "determinacao_judicial": false, "inserir_comodato": false,
                "tipo_documento_adquirente": 1, "documentos_anexados": [284]})),
            sucesso: json!({"mensagem": "Processo criado", "numero_protocolo": "2025000123"}),
            chamar: chamada!(|c| c.criar_processo_transferencia(&processo())),
            conferir: |v| {
                assert_eq!(v["numero_protocolo"], json!("2025000123"));
                assert_eq!(v["mensagem"], json!("Processo criado"));
            },
        },
        Linha {
            nome: "recuperar_protocolo_renave",
            metodo: "GET",
            caminho: caminho("protocolo-digital/recuperar-protocolo-renave"),
            query: vec![
                ("chassi", CHASSI.into()),
                ("cpf_cnpj_solicitante", CNPJ.into()),
                ("cpf_cnpj_adquirente", CPF.into()),
            ],
            corpo: None,
            sucesso: json!({"numero_protocolo": 2_025_000_123, "placa": PLACA, "tipo_tarefa": "Transferência"}),
            chamar: chamada!(|c| c.recuperar_protocolo_renave(&ConsultaProtocoloRenave {
                chassi: chassi(),
                cpf_cnpj_solicitante: cpf_cnpj_pj(),
                cpf_cnpj_adquirente: cpf(),
            })),
            conferir: |v| {
                assert_eq!(v["numero_protocolo"], json!(2_025_000_123));
                assert_eq!(v["tipo_tarefa"], json!("Transferência"));
            },
        },
        Linha {
            nome: "regularizar_pendencia_renave",
            metodo: "POST",
            caminho: caminho("protocolo-digital/regularizar-pendencia-renave"),
            query: vec![],
            corpo: Some(
                json!({"numero_pendencia": 9, "numero_protocolo": "2025000123", "cpf_cnpj_remetente": CNPJ,
                "mensagem": "Autorização anexa",
                "documentos_anexados": [{"tipo_documento": 284, "nome": "autorizacao.pdf", "arquivo": b64(&pdf)}]}),
            ),
            sucesso: json!({"mensagem": "Pendência regularizada com sucesso"}),
            chamar: chamada!(|c| c.regularizar_pendencia_renave(&RegularizacaoPendencia {
                numero_pendencia: 9u64.into(),
                numero_protocolo: "2025000123".into(),
                cpf_cnpj_remetente: cpf_cnpj_pj(),
                mensagem: "Autorização anexa".into(),
                documentos_anexados: vec![DocumentoAnexo {
                    tipo_documento: DocumentoId::AutorizacaoPoderPublico,
                    nome: "autorizacao.pdf".into(),
                    arquivo: pdf_minimo(),
                }],
                condicoes: processo().condicoes_documentos(),
            })),
            conferir: |v| assert_eq!(v["mensagem"], json!("Pendência regularizada com sucesso")),
        },
        Linha {
            nome: "upload_documento_ficha_cadastro",
            metodo: "POST",
            caminho: caminho("protocolo-digital/upload-documento-ficha-cadastro-renave"),
            query: vec![],
            corpo: Some(
                json!({"numero_protocolo": "2025000123", "tipo_documento": 300, "cpf_cnpj_remetente": CNPJ,
                "mensagem": "Ficha", "nome": "ficha.pdf", "arquivo": b64(&pdf)}),
            ),
            sucesso: json!({"mensagem": "Documento recebido"}),
            chamar: chamada!(|c| c.upload_documento_ficha_cadastro(&UploadFichaCadastro {
                numero_protocolo: "2025000123".into(),
                tipo_documento: DocumentoId::from("300"),
                cpf_cnpj_remetente: cpf_cnpj_pj(),
                mensagem: "Ficha".into(),
                nome: "ficha.pdf".into(),
                arquivo: pdf_minimo(),
            })),
            conferir: |v| assert_eq!(v["mensagem"], json!("Documento recebido")),
        },
        Linha {
            nome: "listar_veiculos_comunicacao_venda",
            metodo: "GET",
            caminho: caminho(&format!(
                "protocolo-digital/listar-veiculos-comunicacao-venda/{CPF}"
            )),
            query: vec![],
            corpo: None,
            sucesso: json!([{"placa": PLACA, "chassi": CHASSI, "renavam": RENAVAM,
                "data_comunicacao_venda": "2025-10-01", "status_comunicacao": "ATIVA"}]),
            chamar: chamada!(|c| c.listar_veiculos_comunicacao_venda(
                &ConsultaVeiculosComunicacaoVenda {
                    cpf_cnpj_proprietario: cpf(),
                }
            )),
            conferir: |v| assert_eq!(v["dados"][0]["status_comunicacao"], json!("ATIVA")),
        },
        tabela(
            "consultar_carrocerias",
            "consultar-carrocerias",
            chamada!(|c| c.consultar_carrocerias()),
        ),
        tabela(
            "consultar_categorias",
            "consultar-categorias",
            chamada!(|c| c.consultar_categorias()),
        ),
        tabela(
            "consultar_combustiveis",
            "consultar-combustiveis",
            chamada!(|c| c.consultar_combustiveis()),
        ),
        tabela(
            "consultar_cores",
            "consultar-cores",
            chamada!(|c| c.consultar_cores()),
        ),
        tabela(
            "consultar_especies",
            "consultar-especies",
            chamada!(|c| c.consultar_especies()),
        ),
        tabela(
            "consultar_marcas_modelos",
            "consultar-marcas-modelos",
            chamada!(|c| c.consultar_marcas_modelos()),
        ),
        tabela(
            "consultar_municipios_mg",
            "consultar-municipios-minas-gerais",
            chamada!(|c| c.consultar_municipios_mg()),
        ),
        tabela(
            "consultar_tipos_veiculo",
            "consultar-tipos",
            chamada!(|c| c.consultar_tipos_veiculo()),
        ),
    ]
}

/// Mounts the operation's mock with every request matcher (method, path, bearer token, content
/// type, query, body), answering `resposta`, expecting `n` hits.
async fn montar(server: &MockServer, l: &Linha, resposta: ResponseTemplate, n: u64) {
    let mut m = Mock::given(method(l.metodo))
        .and(path(l.caminho.as_str()))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()));
    for (k, v) in &l.query {
        m = m.and(query_param(*k, v.as_str()));
    }
    if let Some(corpo) = &l.corpo {
        m = m
            .and(header("content-type", "application/json"))
            .and(body_partial_json(corpo.clone()));
    }
    m.respond_with(resposta)
        .expect(n)
        .named(l.nome)
        .mount(server)
        .await;
}

#[tokio::test]
async fn todas_as_operacoes_existem_na_tabela() {
    let nomes: Vec<&str> = linhas().iter().map(|l| l.nome).collect();
    assert_eq!(nomes.len(), 27, "27 operations besides gerar_token");
    let mut unicos = nomes.clone();
    unicos.sort_unstable();
    unicos.dedup();
    assert_eq!(unicos.len(), nomes.len());
}

#[tokio::test]
async fn sucesso_de_cada_operacao() {
    for l in linhas() {
        let server = MockServer::start().await;
        montar_token(&server, 1).await;
        montar(
            &server,
            &l,
            ResponseTemplate::new(200).set_body_json(l.sucesso.clone()),
            1,
        )
        .await;
        let v = (l.chamar)(cliente(&server))
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", l.nome));
        (l.conferir)(&v);
        // A GET carries no body and no content type.
        if l.metodo == "GET" {
            let pedidos = server.received_requests().await.unwrap();
            let op = pedidos.iter().find(|p| p.url.path() == l.caminho).unwrap();
            assert!(op.body.is_empty(), "{}: GET with a body", l.nome);
            assert!(op.headers.get("content-type").is_none(), "{}", l.nome);
        }
        server.verify().await;
    }
}

/// Decision D3: answers tolerate missing fields — the bare envelope decodes for every
/// operation. Decision D11 (fail closed): an empty object and an empty body (some gateways
/// answer 200 with nothing) are never a success; for a POST the outcome is unknown.
#[tokio::test]
async fn resposta_minima_de_cada_operacao() {
    for l in linhas() {
        for (corpo, aceita) in [
            (
                ResponseTemplate::new(200).set_body_json(json!({"codigo_retorno": "000"})),
                true,
            ),
            (ResponseTemplate::new(200).set_body_json(json!({})), false),
            (ResponseTemplate::new(200), false),
        ] {
            let server = MockServer::start().await;
            montar_token(&server, 1).await;
            montar(&server, &l, corpo, 1).await;
            let r = (l.chamar)(cliente(&server)).await;
            // The DAE answer is its guia (issue 12, D11): an envelope alone is not recognised.
            let aceita = aceita && l.nome != "emitir_guia_dae";
            if aceita {
                assert!(r.is_ok(), "{}: {r:?}", l.nome);
            } else {
                let erro = r.unwrap_err();
                assert!(
                    matches!(&erro, Erro::RespostaNaoReconhecida { status: 200, .. }),
                    "{}: {erro:?}",
                    l.nome
                );
                assert_eq!(erro.resultado_incerto(), l.metodo == "POST", "{}", l.nome);
            }
            server.verify().await;
        }
    }
}

#[tokio::test]
async fn erro_de_negocio_de_cada_operacao() {
    for l in linhas() {
        let server = MockServer::start().await;
        montar_token(&server, 1).await;
        let corpo = json!({"codigo_retorno": "101", "mensagem_retorno": "Veículo com restrição"});
        montar(
            &server,
            &l,
            ResponseTemplate::new(200).set_body_json(corpo),
            1,
        )
        .await;
        let erro = (l.chamar)(cliente(&server)).await.unwrap_err();
        assert!(
            matches!(&erro, Erro::Negocio { codigo_retorno, status: 200, .. } if codigo_retorno == "101"),
            "{}: {erro:?}",
            l.nome
        );
        assert_eq!(erro.codigo_retorno(), Some("101"));
        assert_eq!(erro.mensagem_usuario(), Some("Veículo com restrição"));
        assert!(!erro.is_retryable());
        server.verify().await;
    }
}

/// The status table of R §6.1.2 / §6.2.2, with CET-MG bodies and WSO2 gateway bodies.
fn casos_http() -> Vec<(u16, Value, bool)> {
    vec![
        (
            400,
            json!({"codigo_retorno": "400", "mensagem_retorno": "CPF/CNPJ inválido"}),
            false,
        ),
        (
            401,
            json!({"code": "900901", "message": "Invalid Credentials", "description": "Access failure for API"}),
            true,
        ),
        (
            403,
            json!({"fault": {"code": 900_908, "message": "Resource forbidden", "description": "IP não liberado"}}),
            true,
        ),
        (
            404,
            json!({"codigo_retorno": "404", "mensagem_retorno": "Veículo não localizado"}),
            false,
        ),
        (
            409,
            json!({"codigo_retorno": "409", "mensagem": "Proprietário não confere"}),
            false,
        ),
        (
            429,
            json!({"code": "900800", "message": "Message throttled out", "description": "You have exceeded your quota", "nextAccessTime": "2026-Nov-25 01:00:00+0000 UTC"}),
            true,
        ),
        (
            500,
            json!({"codigo_retorno": "999", "mensagem_retorno": "Erro inesperado na orquestração"}),
            false,
        ),
    ]
}

#[tokio::test]
async fn status_http_de_cada_operacao() {
    for l in linhas() {
        for (status, corpo, de_gateway) in casos_http() {
            let server = MockServer::start().await;
            // A 401 renews the token once and resends once (D4): two tokens, two hits.
            let n = if status == 401 { 2 } else { 1 };
            montar_token(&server, n).await;
            montar(
                &server,
                &l,
                ResponseTemplate::new(status).set_body_json(corpo.clone()),
                n,
            )
            .await;
            let erro = (l.chamar)(cliente(&server)).await.unwrap_err();
            assert_eq!(erro.status(), Some(status), "{} {status}: {erro:?}", l.nome);
            if de_gateway {
                assert!(
                    matches!(erro, Erro::Gateway { .. }),
                    "{} {status}: {erro:?}",
                    l.nome
                );
                assert!(erro.codigo_gateway().is_some_and(|c| c.starts_with("900")));
                assert!(erro.mensagem_usuario().is_some());
            } else {
                assert!(
                    matches!(erro, Erro::Http { .. }),
                    "{} {status}: {erro:?}",
                    l.nome
                );
                assert!(erro.codigo_retorno().is_some());
                assert!(erro.mensagem_usuario().is_some());
            }
            assert_eq!(erro.is_retryable(), status == 429, "{} {status}", l.nome);
            assert_eq!(
                erro.resultado_incerto(),
                status == 500 && l.metodo == "POST",
                "{} {status}",
                l.nome
            );
            let texto = erro.to_string();
            assert!(
                texto.contains(&status.to_string()) && !texto.contains('\n'),
                "{texto}"
            );
            server.verify().await;
        }
    }
}

#[tokio::test]
async fn pagina_html_do_gateway_de_cada_operacao() {
    for l in linhas() {
        let server = MockServer::start().await;
        montar_token(&server, 1).await;
        let html = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
        montar(
            &server,
            &l,
            ResponseTemplate::new(502).set_body_raw(html, "text/html"),
            1,
        )
        .await;
        let erro = (l.chamar)(cliente(&server)).await.unwrap_err();
        match &erro {
            Erro::Http {
                status: 502,
                codigo_retorno: None,
                trecho,
                ..
            } => {
                assert!(trecho.as_str().contains("Bad Gateway"), "{}", l.nome);
            }
            outro => panic!("{}: {outro:?}", l.nome),
        }
        // A 502 is worth retrying for a lookup; for a POST the outcome is unknown (D6).
        assert_eq!(erro.is_retryable(), l.metodo == "GET", "{}", l.nome);
        assert_eq!(erro.resultado_incerto(), l.metodo == "POST", "{}", l.nome);
        server.verify().await;
    }
}

#[tokio::test]
async fn corpo_malformado_de_cada_operacao() {
    for l in linhas() {
        let server = MockServer::start().await;
        montar_token(&server, 1).await;
        montar(
            &server,
            &l,
            ResponseTemplate::new(200)
                .set_body_raw("{\"codigo_retorno\": \"000\", ", "application/json"),
            1,
        )
        .await;
        let erro = (l.chamar)(cliente(&server)).await.unwrap_err();
        assert!(
            // Truncated JSON is not JSON: not recognised (D11), the body kept as a snippet.
            matches!(&erro, Erro::RespostaNaoReconhecida { status: 200, trecho, .. } if trecho.as_str().contains("codigo_retorno")),
            "{}: {erro:?}",
            l.nome
        );
        server.verify().await;
    }
}

#[test]
fn condicoes_do_processo_refletem_as_flags() {
    let c = processo().condicoes_documentos();
    assert_eq!(
        c,
        CondicoesDocumentos {
            atividade: Some(Atividade::Taxi),
            categoria: Some(Categoria::Aluguel),
            tipo_veiculo: Some(TipoVeiculo::Automovel),
            tipo_documento_adquirente: Some(TipoDocumentoAdquirente::Cpf),
            ..CondicoesDocumentos::default()
        }
    );
}
