//! Wire contracts of the generic and used-vehicle (*usados*) operations E1–E22 (less E21,
//! reachable through [`executar_bruto`](crate::ClienteRenaveWs::executar_bruto)), `renave-ws.md`
//! §3.1 and §4.
//!
//! Each operation: a `pub const` [`Endpoint`] named after the operation, its request type(s)
//! and its response type(s). Shared schemas (`Estoque`, documents…) are in
//! [`modelos`](crate::modelos).

use renave_domain::rotas;
use renave_domain::tabelas::construtor;
use renave_domain::{
    Chassi, ChaveNfe, CodigoSegurancaCrv, Cpf, CpfCnpj, Data, DataHora, ErroDominio, EstadoEstoque,
    EstadoIntencaoVenda, EventoNotaFiscal, ItensRecebidos, NumeroCrv, Placa, Renavam,
    ResultadoAptidao, TipoAssinaturaVendedor, TipoCrv, Uf, Valor,
};
use renave_http::Endpoint;

use super::{get, post};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::erro::Erro;
use crate::modelos::{
    Comprador, Confirmacao, Crlve, DocumentoBase64, Endereco, Estoque, Extras, IdAtpv, IdEstoque,
    Municipio, PdfAtpv, Recebido, RestricaoVeiculo, TermoEntradaEstoque, TermoSaidaEstoque,
    documento_do_fio, texto_ou_numero, tipo_e_numero,
};
use crate::operacoes::transferencias::{validar_comprador, validar_email};

// ---------------------------------------------------------------------------------------------
// E1 cliente autenticado
// ---------------------------------------------------------------------------------------------

/// E1 `GET api/cliente-autenticado` (V) — the establishment the certificate authenticates as;
/// a credential health check.
pub const CONSULTAR_CLIENTE_AUTENTICADO: Endpoint =
    get(rotas::renave_ws::CONSULTAR_CLIENTE_AUTENTICADO);

/// Answer of E1: the authenticated establishment (`renave-ws.md` §4 E1).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClienteAutenticado {
    /// `cnpj`.
    #[serde(default)]
    pub cnpj: Option<Recebido<renave_domain::Cnpj>>,
    /// `nome`.
    #[serde(default)]
    pub nome: Option<String>,
    /// `endereco`.
    #[serde(default)]
    pub endereco: Option<Endereco>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(ClienteAutenticado {
    cnpj,
    nome,
    endereco,
    extras
});

// ---------------------------------------------------------------------------------------------
// E2 aptidão
// ---------------------------------------------------------------------------------------------

/// E2 `GET api/aptidao-veiculo-estoque?placa&renavam&numeroCrv&tipoCrv` (V) — whether a used
/// vehicle may enter/leave stock (*aptidão*); recommended before every entrada (M3).
pub const CONSULTAR_APTIDAO_VEICULO_ESTOQUE: Endpoint =
    get(rotas::renave_ws::CONSULTAR_APTIDAO_VEICULO_ESTOQUE);

/// Query of E2. `tipoCrv` is required; the others optional (`renave-ws.md` §4 E2). Read back
/// (`Deserialize`) only with a `tipoCrv` the SDK knows (see [`verificar`](Self::verificar)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct ConsultaAptidao {
    /// `placa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placa: Option<Placa>,
    /// `renavam`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renavam: Option<Renavam>,
    /// `numeroCrv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_crv: Option<NumeroCrv>,
    /// `tipoCrv` (required).
    pub tipo_crv: TipoCrv,
}

/// Answer of E2 (`AptidaoVeiculoEstoque`, `renave-ws.md` §4 E2).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AptidaoVeiculoEstoque {
    /// `comunicacaoComDetranFalhou` — the Detran could not be reached: the result is
    /// indeterminate, ask again later.
    #[serde(default)]
    pub comunicacao_com_detran_falhou: Option<Recebido<bool>>,
    /// `diagnostico`.
    #[serde(default)]
    pub diagnostico: Option<DiagnosticoAptidao>,
    /// `informacoesDebitos`.
    #[serde(default)]
    pub informacoes_debitos: Option<InformacoesDebitos>,
    /// `veiculo`.
    #[serde(default)]
    pub veiculo: Option<VeiculoAptidao>,
    /// `autorizacaoTransferencia` (S3 only, P).
    #[serde(default)]
    pub autorizacao_transferencia: Option<AutorizacaoTransferenciaAptidao>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(AptidaoVeiculoEstoque {
    comunicacao_com_detran_falhou,
    diagnostico,
    informacoes_debitos,
    veiculo,
    autorizacao_transferencia,
    extras
});

impl AptidaoVeiculoEstoque {
    /// The outcome (issue 12, decision D11: fail closed), the same three as the CET-MG
    /// aptidão:
    ///
    /// * [`Indeterminado`](ResultadoAptidao::Indeterminado) when the Detran could not be
    ///   reached (`comunicacaoComDetranFalhou` true, or a value the SDK does not understand),
    ///   when `diagnostico.veiculoApto` is missing or not understood, when a flag of the
    ///   diagnóstico is not understood, or when the verdict is apto but a flag says otherwise
    ///   (the answer contradicts itself);
    /// * [`NaoApto`](ResultadoAptidao::NaoApto) when `veiculoApto` is `false`;
    /// * [`Apto`](ResultadoAptidao::Apto) only when `veiculoApto` is `true`, the Detran
    ///   answered and no flag is set.
    ///
    /// ```
    /// use renave_domain::ResultadoAptidao;
    /// use renave_ws_client::operacoes::usados::AptidaoVeiculoEstoque;
    ///
    /// let ler = |v| serde_json::from_value::<AptidaoVeiculoEstoque>(v).unwrap().resultado();
    /// let apto = serde_json::json!({"comunicacaoComDetranFalhou": false,
    ///     "diagnostico": {"veiculoApto": true, "veiculoComRouboFurto": false}});
    /// assert_eq!(ler(apto), ResultadoAptidao::Apto);
    /// let renomeado = serde_json::json!({"diagnostico": {"apto": true}});
    /// assert_eq!(ler(renomeado), ResultadoAptidao::Indeterminado);
    /// let estranho = serde_json::json!({"diagnostico": {"veiculoApto": "TALVEZ"}});
    /// assert_eq!(ler(estranho), ResultadoAptidao::Indeterminado);
    /// ```
    pub fn resultado(&self) -> ResultadoAptidao {
        match &self.comunicacao_com_detran_falhou {
            None | Some(Recebido::Valido(false)) => {}
            Some(_) => return ResultadoAptidao::Indeterminado,
        }
        let Some(diagnostico) = &self.diagnostico else {
            return ResultadoAptidao::Indeterminado;
        };
        match &diagnostico.veiculo_apto {
            Some(Recebido::Valido(false)) => ResultadoAptidao::NaoApto,
            Some(Recebido::Valido(true)) => {
                let sinais = diagnostico.sinais();
                if sinais.iter().all(|s| match s {
                    None | Some(Recebido::Valido(false)) => true,
                    Some(_) => false,
                }) {
                    ResultadoAptidao::Apto
                } else {
                    ResultadoAptidao::Indeterminado
                }
            }
            _ => ResultadoAptidao::Indeterminado,
        }
    }

    /// `true` only when [`resultado`](Self::resultado) is apto: a missing, renamed or odd
    /// verdict, or a failed Detran lookup, is never a yes.
    pub fn is_apto(&self) -> bool {
        self.resultado() == ResultadoAptidao::Apto
    }
}

/// `diagnostico` of E2: the verdict, the reasons and the individual flags.
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DiagnosticoAptidao {
    /// `veiculoApto`.
    #[serde(default)]
    pub veiculo_apto: Option<Recebido<bool>>,
    /// `motivosParaNaoAptidao` — free-text reasons.
    #[serde(default)]
    pub motivos_para_nao_aptidao: Option<Vec<String>>,
    /// `veiculoBaixado`.
    #[serde(default)]
    pub veiculo_baixado: Option<Recebido<bool>>,
    /// `veiculoComAlarme`.
    #[serde(default)]
    pub veiculo_com_alarme: Option<Recebido<bool>>,
    /// `veiculoComLicenciamentoProvisorio`.
    #[serde(default)]
    pub veiculo_com_licenciamento_provisorio: Option<Recebido<bool>>,
    /// `veiculoComPendenciaDeEmissaoCrv`.
    #[serde(default)]
    pub veiculo_com_pendencia_de_emissao_crv: Option<Recebido<bool>>,
    /// `veiculoComRecall`.
    #[serde(default)]
    pub veiculo_com_recall: Option<Recebido<bool>>,
    /// `veiculoComRestricaoExtrajudicial` (S7 only).
    #[serde(default)]
    pub veiculo_com_restricao_extrajudicial: Option<Recebido<bool>>,
    /// `veiculoComRestricaoImpeditivaNoDetran`.
    #[serde(default)]
    pub veiculo_com_restricao_impeditiva_no_detran: Option<Recebido<bool>>,
    /// `veiculoComRestricaoJudicial`.
    #[serde(default)]
    pub veiculo_com_restricao_judicial: Option<Recebido<bool>>,
    /// `veiculoComRestricaoNaReceitaFederal`.
    #[serde(default)]
    pub veiculo_com_restricao_na_receita_federal: Option<Recebido<bool>>,
    /// `veiculoComRestricaoPgfn`.
    #[serde(default)]
    pub veiculo_com_restricao_pgfn: Option<Recebido<bool>>,
    /// `veiculoComRouboFurto`.
    #[serde(default)]
    pub veiculo_com_roubo_furto: Option<Recebido<bool>>,
    /// `veiculoSemAtpv`.
    #[serde(default)]
    pub veiculo_sem_atpv: Option<Recebido<bool>>,
    /// `veiculoTemAutorizacaoTransferenciaParaEstabelecimentoDiferenteDoEstabelecimentoConsultante`.
    #[serde(default)]
    pub veiculo_tem_autorizacao_transferencia_para_estabelecimento_diferente_do_estabelecimento_consultante:
        Option<Recebido<bool>>,
    /// `veiculoTemComunicacaoDeVendaParaCompradorDiferenteDoEstabelecimentoConsultante`.
    #[serde(default)]
    pub veiculo_tem_comunicacao_de_venda_para_comprador_diferente_do_estabelecimento_consultante:
        Option<Recebido<bool>>,
    /// `veiculoTemIntencaoDeVendaParaCompradorDiferenteDoEstabelecimentoConsultante`.
    #[serde(default)]
    pub veiculo_tem_intencao_de_venda_para_comprador_diferente_do_estabelecimento_consultante:
        Option<Recebido<bool>>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(DiagnosticoAptidao {
    veiculo_apto,
    motivos_para_nao_aptidao,
    veiculo_baixado,
    veiculo_com_alarme,
    veiculo_com_licenciamento_provisorio,
    veiculo_com_pendencia_de_emissao_crv,
    veiculo_com_recall,
    veiculo_com_restricao_extrajudicial,
    veiculo_com_restricao_impeditiva_no_detran,
    veiculo_com_restricao_judicial,
    veiculo_com_restricao_na_receita_federal,
    veiculo_com_restricao_pgfn,
    veiculo_com_roubo_furto,
    veiculo_sem_atpv,
    veiculo_tem_autorizacao_transferencia_para_estabelecimento_diferente_do_estabelecimento_consultante,
    veiculo_tem_comunicacao_de_venda_para_comprador_diferente_do_estabelecimento_consultante,
    veiculo_tem_intencao_de_venda_para_comprador_diferente_do_estabelecimento_consultante,
    extras
});

impl DiagnosticoAptidao {
    /// The individual flags (every one an inaptidão cause, `renave-ws.md` §4 E2).
    fn sinais(&self) -> [&Option<Recebido<bool>>; 15] {
        [
            &self.veiculo_baixado,
            &self.veiculo_com_alarme,
            &self.veiculo_com_licenciamento_provisorio,
            &self.veiculo_com_pendencia_de_emissao_crv,
            &self.veiculo_com_recall,
            &self.veiculo_com_restricao_extrajudicial,
            &self.veiculo_com_restricao_impeditiva_no_detran,
            &self.veiculo_com_restricao_judicial,
            &self.veiculo_com_restricao_na_receita_federal,
            &self.veiculo_com_restricao_pgfn,
            &self.veiculo_com_roubo_furto,
            &self.veiculo_sem_atpv,
            &self.veiculo_tem_autorizacao_transferencia_para_estabelecimento_diferente_do_estabelecimento_consultante,
            &self.veiculo_tem_comunicacao_de_venda_para_comprador_diferente_do_estabelecimento_consultante,
            &self.veiculo_tem_intencao_de_venda_para_comprador_diferente_do_estabelecimento_consultante,
        ]
    }
}

/// `informacoesDebitos` of E2.
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InformacoesDebitos {
    /// `existemDebitos`.
    #[serde(default)]
    pub existem_debitos: Option<Recebido<bool>>,
    /// `valorDebitoIpva`.
    #[serde(default)]
    pub valor_debito_ipva: Option<Recebido<Valor>>,
    /// `valorDebitoLicenciamento`.
    #[serde(default)]
    pub valor_debito_licenciamento: Option<Recebido<Valor>>,
    /// `valorDebitoMultas`.
    #[serde(default)]
    pub valor_debito_multas: Option<Recebido<Valor>>,
    /// `valorDebitoDpvat`.
    #[serde(default)]
    pub valor_debito_dpvat: Option<Recebido<Valor>>,
    /// `valorTaxasEDebitosDiversos`.
    #[serde(default)]
    pub valor_taxas_e_debitos_diversos: Option<Recebido<Valor>>,
    /// `boletos` — up to 5 Detran boletos, read one by one (an unreadable one is reported
    /// with its index, never losing the answer).
    #[serde(default)]
    pub boletos: Option<ItensRecebidos<BoletoDebito>>,
    /// `codigosBancos`.
    #[serde(default)]
    pub codigos_bancos: Option<Vec<String>>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(InformacoesDebitos {
    existem_debitos,
    valor_debito_ipva,
    valor_debito_licenciamento,
    valor_debito_multas,
    valor_debito_dpvat,
    valor_taxas_e_debitos_diversos,
    boletos,
    codigos_bancos,
    extras
});

/// A Detran boleto of E2 `informacoesDebitos.boletos[]`.
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BoletoDebito {
    /// `dataVencimentoBoleto` — the due date (format a guess: a date, or a date-time whose
    /// Brasília date is taken; kept raw otherwise).
    #[serde(default)]
    pub data_vencimento_boleto: Option<Recebido<Data>>,
    /// `numeroCodigoBarras` (a JSON number is kept as its text).
    #[serde(default, deserialize_with = "crate::modelos::texto_ou_numero")]
    pub numero_codigo_barras: Option<String>,
    /// `valorBoleto`.
    #[serde(default)]
    pub valor_boleto: Option<Recebido<Valor>>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(BoletoDebito {
    data_vencimento_boleto,
    numero_codigo_barras,
    valor_boleto,
    extras
});

/// `veiculo` of E2.
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VeiculoAptidao {
    /// `chassi`.
    #[serde(default)]
    pub chassi: Option<Recebido<Chassi>>,
    /// `placa`.
    #[serde(default)]
    pub placa: Option<Recebido<Placa>>,
    /// `renavam`.
    #[serde(default)]
    pub renavam: Option<Recebido<Renavam>>,
    /// `ufJurisdicao`.
    #[serde(default)]
    pub uf_jurisdicao: Option<Recebido<Uf>>,
    /// `restricoes`.
    #[serde(default)]
    pub restricoes: Option<Vec<RestricaoVeiculo>>,
    /// `veiculoAcabado`.
    #[serde(default)]
    pub veiculo_acabado: Option<Recebido<bool>>,
    /// `dataPreCadastro` — when the vehicle was pre-registered (format a guess: a Brasília
    /// date-time, an offset converted; kept raw otherwise).
    #[serde(default)]
    pub data_pre_cadastro: Option<Recebido<DataHora>>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(VeiculoAptidao {
    chassi,
    placa,
    renavam,
    uf_jurisdicao,
    restricoes,
    veiculo_acabado,
    data_pre_cadastro,
    extras
});

/// `autorizacaoTransferencia` of E2 (S3 only, P).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AutorizacaoTransferenciaAptidao {
    /// `cpfOperadorResponsavelAutorizacao`.
    #[serde(default)]
    pub cpf_operador_responsavel_autorizacao: Option<Recebido<Cpf>>,
    /// `dataHoraAutorizacao`.
    #[serde(default)]
    pub data_hora_autorizacao: Option<Recebido<DataHora>>,
    /// `estabelecimentoAutorizador {cnpj, nome}`.
    #[serde(default)]
    pub estabelecimento_autorizador: Option<serde_json::Value>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(AutorizacaoTransferenciaAptidao {
    cpf_operador_responsavel_autorizacao,
    data_hora_autorizacao,
    estabelecimento_autorizador,
    extras
});

// ---------------------------------------------------------------------------------------------
// E3 entrada, E4 entrada veículo próprio
// ---------------------------------------------------------------------------------------------

/// E3 `POST api/solicitacoes-entrada-estoque` (V) — entrada of a used vehicle bought from a
/// third party; answers 201 with the new [`Estoque`] in `SOLICITADO`.
pub const SOLICITAR_ENTRADA_ESTOQUE: Endpoint = post(rotas::renave_ws::SOLICITAR_ENTRADA_ESTOQUE);

/// Body of E3 (`SolicitacaoEntradaEstoque`, `renave-ws.md` §4 E3).
///
/// Build it with [`SolicitacaoEntradaEstoque::builder`] (the SDK's one builder rule: a setter
/// per field, then `build()`, which names a missing field and refuses a `tipoCrv` the SDK does
/// not know unless built with [`TipoCrv::desconhecido_permitido`]).
///
/// ```
/// use renave_domain::TipoCrv;
/// use renave_ws_client::operacoes::usados::{SolicitacaoEntradaEstoque, VeiculoEntradaEstoque};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let veiculo = VeiculoEntradaEstoque {
///     codigo_seguranca_crv: "12345678901".parse()?,
///     tipo_crv: TipoCrv::Digital,
///     numero_crv: None,
///     placa: "ABC1D23".parse()?,
///     renavam: "12345678900".parse()?,
///     quilometragem_hodometro: 42_000,
///     data_hora_medicao_hodometro: "2025-10-09T10:00:00".parse()?,
///     documento_proprietario_atual: "52998224725".parse()?,
/// };
/// let entrada = SolicitacaoEntradaEstoque::builder()
///     .cpf_operador_responsavel("52998224725".parse::<renave_domain::Cpf>()?)
///     .data_compra("2025-10-09".parse::<renave_domain::Data>()?)
///     .valor_compra("45000.00".parse::<renave_domain::Valor>()?)
///     .email_vendedor("vendedor@example.com")
///     .veiculo(veiculo.clone())
///     .build()?;
/// assert!(entrada.email_estabelecimento.is_none());
///
/// let erro = SolicitacaoEntradaEstoque::builder().veiculo(veiculo).build().unwrap_err();
/// assert_eq!(erro.tipo(), "cpf_operador_responsavel");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct SolicitacaoEntradaEstoque {
    /// `cpfOperadorResponsavel` (optional in the schema, always sent, S1).
    pub cpf_operador_responsavel: Cpf,
    /// `dataCompra` (`YYYY-MM-DD`) — becomes the transfer-of-responsibility date.
    pub data_compra: Data,
    /// `valorCompra`.
    pub valor_compra: Valor,
    /// `emailEstabelecimento` (optional in the schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_estabelecimento: Option<String>,
    /// `emailVendedor` (optional in the schema, refused in production without it, S1).
    pub email_vendedor: String,
    /// `veiculo`.
    pub veiculo: VeiculoEntradaEstoque,
}

/// `veiculo` of E3 (`VeiculoEntradaEstoque`). On the wire the current owner's document is the
/// pair `tipoDocumentoProprietarioAtual` (`CPF`/`CNPJ`) + `documentoProprietarioAtual`, derived
/// from [`documento_proprietario_atual`](Self::documento_proprietario_atual) so that the two can
/// never disagree; read back (`Deserialize`), a pair that disagrees is refused, naming the field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    into = "VeiculoEntradaEstoqueFio",
    try_from = "VeiculoEntradaEstoqueFio"
)]
pub struct VeiculoEntradaEstoque {
    /// `codigoSegurancaCrv` — the CURRENT CRV code (it changes at each CRV re-issue).
    pub codigo_seguranca_crv: CodigoSegurancaCrv,
    /// `tipoCrv`.
    pub tipo_crv: TipoCrv,
    /// `numeroCrv` (optional).
    pub numero_crv: Option<NumeroCrv>,
    /// `placa`.
    pub placa: Placa,
    /// `renavam`.
    pub renavam: Renavam,
    /// `quilometragemHodometro`.
    pub quilometragem_hodometro: u64,
    /// `dataHoraMedicaoHodometro` (naive Brasília).
    pub data_hora_medicao_hodometro: DataHora,
    /// `documentoProprietarioAtual` + `tipoDocumentoProprietarioAtual`: the seller, who must
    /// be the owner in the CRV and not the establishment.
    pub documento_proprietario_atual: CpfCnpj,
}

/// Wire form (and schema) of [`VeiculoEntradaEstoque`], both ways: its field names are the
/// wire names, written once.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "VeiculoEntradaEstoque")]
struct VeiculoEntradaEstoqueFio {
    codigo_seguranca_crv: CodigoSegurancaCrv,
    tipo_crv: TipoCrv,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    numero_crv: Option<NumeroCrv>,
    placa: Placa,
    renavam: Renavam,
    quilometragem_hodometro: u64,
    data_hora_medicao_hodometro: DataHora,
    documento_proprietario_atual: String,
    tipo_documento_proprietario_atual: String,
}

impl From<VeiculoEntradaEstoque> for VeiculoEntradaEstoqueFio {
    fn from(v: VeiculoEntradaEstoque) -> Self {
        let (tipo, numero) = tipo_e_numero(&v.documento_proprietario_atual);
        Self {
            documento_proprietario_atual: numero.to_owned(),
            tipo_documento_proprietario_atual: tipo.to_owned(),
            codigo_seguranca_crv: v.codigo_seguranca_crv,
            tipo_crv: v.tipo_crv,
            numero_crv: v.numero_crv,
            placa: v.placa,
            renavam: v.renavam,
            quilometragem_hodometro: v.quilometragem_hodometro,
            data_hora_medicao_hodometro: v.data_hora_medicao_hodometro,
        }
    }
}

impl TryFrom<VeiculoEntradaEstoqueFio> for VeiculoEntradaEstoque {
    type Error = String;

    /// The exact inverse of the wire form: the document pair must agree (`CPF` or `CNPJ` and a
    /// valid document of that kind); the error names the field, never the value.
    fn try_from(f: VeiculoEntradaEstoqueFio) -> Result<Self, String> {
        let documento_proprietario_atual = documento_do_fio(
            &f.tipo_documento_proprietario_atual,
            &f.documento_proprietario_atual,
            "veiculo.tipoDocumentoProprietarioAtual",
            "veiculo.documentoProprietarioAtual",
        )?;
        Ok(Self {
            codigo_seguranca_crv: f.codigo_seguranca_crv,
            tipo_crv: f.tipo_crv,
            numero_crv: f.numero_crv,
            placa: f.placa,
            renavam: f.renavam,
            quilometragem_hodometro: f.quilometragem_hodometro,
            data_hora_medicao_hodometro: f.data_hora_medicao_hodometro,
            documento_proprietario_atual,
        })
    }
}

impl JsonSchema for VeiculoEntradaEstoque {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "VeiculoEntradaEstoque".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        VeiculoEntradaEstoqueFio::json_schema(generator)
    }
}

/// E4 `POST api/solicitacoes-entrada-estoque-veiculo-proprio` (path V, body P) — entrada of a
/// vehicle already registered to the establishment's CNPJ (no seller signature needed).
pub const SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO: Endpoint =
    post(rotas::renave_ws::SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO);

/// Body of E4 (probable, S1 and S3 agree; `renave-ws.md` §4 E4). Read back (`Deserialize`)
/// with the checks of the builder ([`verificar`](Self::verificar)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct SolicitacaoEntradaEstoqueVeiculoProprio {
    /// `cpfOperadorResponsavel`.
    pub cpf_operador_responsavel: Cpf,
    /// `dataEntradaEstoque` (`YYYY-MM-DD`).
    pub data_entrada_estoque: Data,
    /// `veiculo`.
    pub veiculo: VeiculoEntradaEstoqueProprio,
}

/// `veiculo` of E4.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VeiculoEntradaEstoqueProprio {
    /// `codigoSegurancaCrv`.
    pub codigo_seguranca_crv: CodigoSegurancaCrv,
    /// `dataHoraMedicaoHodometro`.
    pub data_hora_medicao_hodometro: DataHora,
    /// `quilometragemHodometro`.
    pub quilometragem_hodometro: u64,
    /// `tipoCrv`.
    pub tipo_crv: TipoCrv,
    /// `numeroCrv` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_crv: Option<NumeroCrv>,
    /// `placa` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placa: Option<Placa>,
    /// `renavam` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renavam: Option<Renavam>,
}

// ---------------------------------------------------------------------------------------------
// E5 assinatura do vendedor, E6 última assinatura
// ---------------------------------------------------------------------------------------------

/// E5 `POST api/atpv-assinatura-vendedor` (V) — sends the seller's ATPV signature for a stock
/// created by E3; answers 200 with an empty body (S2/S3). Detran then moves the stock
/// `SOLICITADO → TRANSFERIDO → CONFIRMADO` asynchronously.
pub const ENVIAR_ASSINATURA_VENDEDOR_ATPV: Endpoint =
    post(rotas::renave_ws::ENVIAR_ASSINATURA_VENDEDOR_ATPV);

/// Body of E5 (`EnvioAssinaturaAtvp`, sic): the stock and exactly ONE of the four signature
/// forms — an enum, so an invalid combination cannot be built. Read back (`Deserialize`) with
/// the checks of [`validar`](Self::validar), and only with exactly one form (a second form, or
/// any other field, is refused rather than dropped).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvioAssinaturaVendedor {
    /// `idEstoque`.
    pub id_estoque: IdEstoque,
    /// The signature, sent under its variant's property name.
    #[serde(flatten)]
    pub assinatura: AssinaturaVendedor,
}

/// The wire form of [`EnvioAssinaturaVendedor`] as read back: the form taken by the enum, and
/// whatever else the object held (which must be nothing).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EnvioAssinaturaVendedorLido {
    id_estoque: IdEstoque,
    #[serde(flatten)]
    assinatura: AssinaturaVendedor,
    /// Only the names matter: any entry is refused.
    #[expect(clippy::zero_sized_map_values, reason = "only the keys are read")]
    #[serde(flatten)]
    outros: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

impl<'de> Deserialize<'de> for EnvioAssinaturaVendedor {
    /// The inverse of `Serialize`: `idEstoque` and exactly one signature form, then the checks
    /// of [`validar`](Self::validar); the error names the field, never its value.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let lido = EnvioAssinaturaVendedorLido::deserialize(d)?;
        if let Some(campo) = lido.outros.keys().next() {
            return Err(D::Error::custom(format!(
                "{campo}: a second signature form or an unknown field (E5 takes exactly one form)"
            )));
        }
        let envio = Self {
            id_estoque: lido.id_estoque,
            assinatura: lido.assinatura,
        };
        envio.validar().map_err(D::Error::custom)?;
        Ok(envio)
    }
}

/// The four mutually exclusive seller-signature forms of E5 (`renave-ws.md` §4 E5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub enum AssinaturaVendedor {
    /// `envioAssinaturaProprioPunhoAtpve` — photo/scan of the ATPV-e signed by hand.
    #[serde(rename = "envioAssinaturaProprioPunhoAtpve")]
    ProprioPunhoAtpve {
        /// `fotoAtpveAssinadoDeProprioPunhoBase64`.
        #[serde(rename = "fotoAtpveAssinadoDeProprioPunhoBase64")]
        foto_atpve_assinado: DocumentoBase64,
    },
    /// `envioAssinaturaProprioPunhoAtpvPapelMoeda` — photo of the paper ATPV signed by hand.
    #[serde(rename = "envioAssinaturaProprioPunhoAtpvPapelMoeda")]
    ProprioPunhoAtpvPapelMoeda {
        /// `fotoAtpvPapelMoedaAssinadoBase64`.
        #[serde(rename = "fotoAtpvPapelMoedaAssinadoBase64")]
        foto_atpv_papel_moeda_assinado: DocumentoBase64,
    },
    /// `envioAssinaturaQualificadaP7sSobreXmlAtpve` — qualified (ICP-Brasil) P7S signature
    /// over the ATPV-e XML.
    #[serde(rename = "envioAssinaturaQualificadaP7sSobreXmlAtpve")]
    QualificadaP7sSobreXmlAtpve {
        /// `assinaturaQualificadaP7sBase64`.
        #[serde(rename = "assinaturaQualificadaP7sBase64")]
        assinatura_qualificada_p7s: DocumentoBase64,
    },
    /// `envioAssinaturaQualificadaP7sSobreFotoAtpvPapelMoeda` — qualified P7S signature over
    /// the photo of the paper ATPV.
    #[serde(rename = "envioAssinaturaQualificadaP7sSobreFotoAtpvPapelMoeda")]
    QualificadaP7sSobreFotoAtpvPapelMoeda {
        /// `assinaturaQualificadaP7sBase64`.
        #[serde(rename = "assinaturaQualificadaP7sBase64")]
        assinatura_qualificada_p7s: DocumentoBase64,
        /// `fotoAtpvPapelMoedaSemAssinaturaBase64` (S3 only, P).
        #[serde(
            rename = "fotoAtpvPapelMoedaSemAssinaturaBase64",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        foto_atpv_papel_moeda_sem_assinatura: Option<DocumentoBase64>,
    },
}

/// E6 `GET api/atpv-assinaturas/{placa}/{renavam}/ultimo` (P) — the latest ATPV signature
/// record of a vehicle.
pub const CONSULTAR_ULTIMA_ASSINATURA_ATPV: Endpoint =
    get(rotas::renave_ws::CONSULTAR_ULTIMA_ASSINATURA_ATPV);

/// Answer of E6 (`renave-ws.md` §4 E6, P).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AssinaturaAtpv {
    /// `numeroAtpve`.
    #[serde(default, deserialize_with = "texto_ou_numero")]
    pub numero_atpve: Option<String>,
    /// `estadoIntencaoVenda`.
    #[serde(default)]
    pub estado_intencao_venda: Option<EstadoIntencaoVenda>,
    /// `chassi`.
    #[serde(default)]
    pub chassi: Option<Recebido<Chassi>>,
    /// `placa`.
    #[serde(default)]
    pub placa: Option<Recebido<Placa>>,
    /// `renavam`.
    #[serde(default)]
    pub renavam: Option<Recebido<Renavam>>,
    /// `codigoSegurancaCrv`.
    #[serde(default)]
    pub codigo_seguranca_crv: Option<Recebido<CodigoSegurancaCrv>>,
    /// `numeroDocumentoComprador`.
    #[serde(default)]
    pub numero_documento_comprador: Option<Recebido<CpfCnpj>>,
    /// `numeroDocumentoVendedor`.
    #[serde(default)]
    pub numero_documento_vendedor: Option<Recebido<CpfCnpj>>,
    /// `dataHoraRegistro`.
    #[serde(default)]
    pub data_hora_registro: Option<DataHora>,
    /// `dataHoraRegistroAssinaturaVendedor`.
    #[serde(default)]
    pub data_hora_registro_assinatura_vendedor: Option<DataHora>,
    /// `tipoAssinaturaVendedor`.
    #[serde(default)]
    pub tipo_assinatura_vendedor: Option<TipoAssinaturaVendedor>,
    /// `xmlAtpveBase64`.
    #[serde(default)]
    pub xml_atpve_base64: Option<DocumentoBase64>,
    /// `fotoAtpveAssinadoDeProprioPunhoBase64`.
    #[serde(default)]
    pub foto_atpve_assinado_de_proprio_punho_base64: Option<DocumentoBase64>,
    /// `fotoAtpvPapelMoedaAssinadoDeProprioPunhoBase64`.
    #[serde(default)]
    pub foto_atpv_papel_moeda_assinado_de_proprio_punho_base64: Option<DocumentoBase64>,
    /// `fotoAtpvPapelMoedaSemAssinaturaBase64`.
    #[serde(default)]
    pub foto_atpv_papel_moeda_sem_assinatura_base64: Option<DocumentoBase64>,
    /// `assinaturaQualificadaP7sXmlAtpveVendedorBase64`.
    #[serde(default)]
    pub assinatura_qualificada_p7s_xml_atpve_vendedor_base64: Option<DocumentoBase64>,
    /// `assinaturaQualificadaP7sFotoAtpvPapelMoedaVendedorBase64`.
    #[serde(default)]
    pub assinatura_qualificada_p7s_foto_atpv_papel_moeda_vendedor_base64: Option<DocumentoBase64>,
    /// `pdfAtpveComAssinaturasAvancadasEmbarcadasBase64`.
    #[serde(default)]
    pub pdf_atpve_com_assinaturas_avancadas_embarcadas_base64: Option<DocumentoBase64>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(AssinaturaAtpv {
    numero_atpve,
    estado_intencao_venda,
    chassi,
    placa,
    renavam,
    codigo_seguranca_crv,
    numero_documento_comprador,
    numero_documento_vendedor,
    data_hora_registro,
    data_hora_registro_assinatura_vendedor,
    tipo_assinatura_vendedor,
    xml_atpve_base64,
    foto_atpve_assinado_de_proprio_punho_base64,
    foto_atpv_papel_moeda_assinado_de_proprio_punho_base64,
    foto_atpv_papel_moeda_sem_assinatura_base64,
    assinatura_qualificada_p7s_xml_atpve_vendedor_base64,
    assinatura_qualificada_p7s_foto_atpv_papel_moeda_vendedor_base64,
    pdf_atpve_com_assinaturas_avancadas_embarcadas_base64,
    extras
});

// ---------------------------------------------------------------------------------------------
// E7–E9 ATPV-e
// ---------------------------------------------------------------------------------------------

/// E7 `GET api/pdf-atpv?chassi=` (V) — the ATPV-e of a chassis: blank for the seller after
/// E3, or the sale ATPV-e after a saída. Answer: [`PdfAtpv`].
pub const OBTER_PDF_ATPV: Endpoint = get(rotas::renave_ws::OBTER_PDF_ATPV);

/// E8 `GET api/pdf-atpv/{placa}/{renavam}` (P) — the ATPV-e by placa and RENAVAM.
pub const OBTER_PDF_ATPV_POR_PLACA_RENAVAM: Endpoint =
    get(rotas::renave_ws::OBTER_PDF_ATPV_POR_PLACA_RENAVAM);

/// E9 `GET api/atpv/{idAtpv}` (P-table; the answer is assumed to be a
/// [`PdfAtpv`], I).
pub const OBTER_ATPV_POR_ID: Endpoint = get(rotas::renave_ws::OBTER_ATPV_POR_ID);

// ---------------------------------------------------------------------------------------------
// E10 nota fiscal
// ---------------------------------------------------------------------------------------------

/// E10 `POST api/notas-fiscais` (V) — links an NF-e (purchase or sale) to a stock; answers
/// 200 with an empty body (S2/S3).
pub const ENVIAR_NOTA_FISCAL: Endpoint = post(rotas::renave_ws::ENVIAR_NOTA_FISCAL);

/// Body of E10. Read back (`Deserialize`) only with an `evento` the SDK knows (see
/// [`verificar`](Self::verificar)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct EnvioNotaFiscal {
    /// `chaveNotaFiscal` — 44 characters, without the "NFe" prefix.
    pub chave_nota_fiscal: ChaveNfe,
    /// `evento` (`COMPRA` after the entrada, `VENDA` after the saída).
    pub evento: EventoNotaFiscal,
    /// `idEstoque`.
    pub id_estoque: IdEstoque,
}

// ---------------------------------------------------------------------------------------------
// E11–E13 estoques
// ---------------------------------------------------------------------------------------------

/// E11 `GET api/estoques?chassi&placa&estadoEstoque` (V) — the establishment's stock in any
/// state (no filter = all); the way to recover a lost `idEstoque` (§7.6).
pub const CONSULTAR_ESTOQUES: Endpoint = get(rotas::renave_ws::CONSULTAR_ESTOQUES);

/// Query of E11 (all optional). Read back (`Deserialize`) only with an `estadoEstoque` the SDK
/// knows (see [`verificar`](Self::verificar)).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct ConsultaEstoques {
    /// `chassi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Chassi>,
    /// `placa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placa: Option<Placa>,
    /// `estadoEstoque`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estado_estoque: Option<EstadoEstoque>,
}

/// E12 `GET api/estoques/{idEstoque}` (V) — one stock.
pub const CONSULTAR_ESTOQUE: Endpoint = get(rotas::renave_ws::CONSULTAR_ESTOQUE);

/// E13 `GET api/estoques/{idEstoque}/termo-entrada-estoque` (V) — the Termo de Entrada
/// (usados: only after the seller signature).
pub const OBTER_TERMO_ENTRADA_ESTOQUE: Endpoint =
    get(rotas::renave_ws::OBTER_TERMO_ENTRADA_ESTOQUE);

// ---------------------------------------------------------------------------------------------
// E14 cancel entrada, E15 saída, E16 termo saída, E17 cancel saída
// ---------------------------------------------------------------------------------------------

/// E14 `POST api/solicitacoes-cancelamento-estoque` (V; the SERPRO table's
/// `…-cancelamento-entrada-estoque` is treated as a transcription error — override the route if
/// needed) — cancels an entrada of a used vehicle.
pub const SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE: Endpoint =
    post(rotas::renave_ws::SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE);

/// Body of E14 (`SolicitacaoCancelamentoEstoque`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SolicitacaoCancelamentoEntradaEstoque {
    /// `dataCancelamentoEstoque` (`YYYY-MM-DD`).
    pub data_cancelamento_estoque: Data,
    /// `cpfOperadorResponsavel` (required in production).
    pub cpf_operador_responsavel: Cpf,
    /// `veiculo`.
    pub veiculo: VeiculoCancelamentoEntrada,
}

/// `veiculo` of E14.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VeiculoCancelamentoEntrada {
    /// `chassi` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Chassi>,
    /// `placa`.
    pub placa: Placa,
    /// `renavam`.
    pub renavam: Renavam,
    /// `numeroCrv` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_crv: Option<NumeroCrv>,
    /// `codigoSegurancaCrv` — not in the schema but refused without it (S1): the code
    /// registered on the stock (E12 `codigoSegurancaCrv`).
    pub codigo_seguranca_crv: CodigoSegurancaCrv,
}

/// E15 `POST api/solicitacoes-saida-estoque` (V) — sale of a used vehicle (*venda*); the stock
/// must be `CONFIRMADO`, the entrada NF-e and the seller signature sent.
pub const SOLICITAR_SAIDA_ESTOQUE: Endpoint = post(rotas::renave_ws::SOLICITAR_SAIDA_ESTOQUE);

/// Body of E15 (`SolicitacaoSaidaEstoque`). Read back (`Deserialize`) with the checks of
/// [`validar`](Self::validar).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct SolicitacaoSaidaEstoque {
    /// `dataVenda` (`YYYY-MM-DD`).
    pub data_venda: Data,
    /// `valorVenda`.
    pub valor_venda: Valor,
    /// `cpfOperadorResponsavel`.
    pub cpf_operador_responsavel: Cpf,
    /// `emailEstabelecimento` (required in production).
    pub email_estabelecimento: String,
    /// `comprador`.
    pub comprador: Comprador,
    /// `veiculo`.
    pub veiculo: VeiculoSaidaEstoque,
}

/// `veiculo` of E15: identified by CRV data (no `idEstoque`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VeiculoSaidaEstoque {
    /// `codigoSegurancaCrv` of the CRV already issued to the establishment (from E18's
    /// `pdfCodigoSegurancaCrvBase64`).
    pub codigo_seguranca_crv: CodigoSegurancaCrv,
    /// `numeroCrv` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_crv: Option<NumeroCrv>,
    /// `placa`.
    pub placa: Placa,
    /// `renavam`.
    pub renavam: Renavam,
}

/// E16 `GET api/estoques/{idEstoque}/termo-saida-estoque` (V; being phased out).
pub const OBTER_TERMO_SAIDA_ESTOQUE: Endpoint = get(rotas::renave_ws::OBTER_TERMO_SAIDA_ESTOQUE);

/// E17 `POST api/solicitacoes-cancelamento-saida-estoque` (V) — cancels a saída while Detran
/// has not transferred the vehicle; creates a NEW stock with a new id
/// (`saidaEstoque.cancelamentoSaidaEstoque.idEstoqueGeradoNoCancelamentoSaida`).
pub const SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE: Endpoint =
    post(rotas::renave_ws::SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE);

/// Body of E17 (`SolicitacaoCancelamentoDeSaida`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SolicitacaoCancelamentoSaidaEstoque {
    /// `idEstoque`.
    pub id_estoque: IdEstoque,
    /// `dataCancelamentoSaidaEstoque` (`YYYY-MM-DD`).
    pub data_cancelamento_saida_estoque: Data,
    /// `cpfOperadorResponsavel`.
    pub cpf_operador_responsavel: Cpf,
}

// ---------------------------------------------------------------------------------------------
// E18–E20, E22
// ---------------------------------------------------------------------------------------------

/// E18 `GET api/crlve/{placa}/{renavam}` (V) — the CRLV-e of a vehicle owned by the
/// establishment (after `CONFIRMADO`).
pub const OBTER_CRLVE: Endpoint = get(rotas::renave_ws::OBTER_CRLVE);

/// E19 `GET api/crlve/{placa}/{renavam}/pdf-codigo-seguranca-crv` (P) — the PDF with the CRV
/// security code; the answer is assumed to be the `CrlveJson` shape
/// ([`Crlve`], read `pdfCodigoSegurancaCrvBase64`; I).
pub const OBTER_PDF_CODIGO_SEGURANCA_CRV: Endpoint =
    get(rotas::renave_ws::OBTER_PDF_CODIGO_SEGURANCA_CRV);

/// E20 `GET api/municipios?nome&uf` (V) — municipalities and their `id` (the
/// `codigoMunicipio` of addresses).
pub const CONSULTAR_MUNICIPIOS: Endpoint = get(rotas::renave_ws::CONSULTAR_MUNICIPIOS);

/// Query of E20 (both optional; none = all).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ConsultaMunicipios {
    /// `nome` — accent-sensitive on the server: `BRASÍLIA` finds nothing, `BRASILIA` works.
    /// Sent as given (the SDK does not rewrite it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nome: Option<String>,
    /// `uf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uf: Option<Uf>,
}

/// E22 `GET api/veiculos?chassi=` (V) — the vehicle of a `CONFIRMADO` stock.
pub const CONSULTAR_VEICULO: Endpoint = get(rotas::renave_ws::CONSULTAR_VEICULO);

/// Answer of E22 (`renave-ws.md` §4 E22).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VeiculoRenave {
    /// `chassi`.
    #[serde(default)]
    pub chassi: Option<Recebido<Chassi>>,
    /// `placa` (`""` seen for a 0 km).
    #[serde(default)]
    pub placa: Option<Recebido<Placa>>,
    /// `renavam` (`"00000000000"` seen for a 0 km).
    #[serde(default)]
    pub renavam: Option<Recebido<Renavam>>,
    /// `restricoes`.
    #[serde(default)]
    pub restricoes: Option<Vec<RestricaoVeiculo>>,
    /// `veiculoAcabado`.
    #[serde(default)]
    pub veiculo_acabado: Option<bool>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(VeiculoRenave {
    chassi,
    placa,
    renavam,
    restricoes,
    veiculo_acabado,
    extras
});

// ---------------------------------------------------------------------------------------------
// Checks of the free-text and document fields the types cannot enforce (nothing is sent until
// they pass; the same rules as the transfer and zero-km bodies)
// ---------------------------------------------------------------------------------------------

impl SolicitacaoEntradaEstoque {
    /// Checks what the field types cannot: `emailVendedor` (refused in production without it,
    /// `renave-ws.md` §4 E3) and `emailEstabelecimento`, when given, are e-mail addresses;
    /// `tipoCrv` is known (see [`verificar`](Self::verificar)). The client calls it before
    /// sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        let op = SOLICITAR_ENTRADA_ESTOQUE.name;
        self.verificar().map_err(|e| entrada_de_dominio(op, &e))?;
        validar_email(op, "emailVendedor", &self.email_vendedor)?;
        match &self.email_estabelecimento {
            Some(e) => validar_email(op, "emailEstabelecimento", e),
            None => Ok(()),
        }
    }

    /// The checks of the builder: `veiculo.tipoCrv` is a code the SDK knows (or one built with
    /// [`TipoCrv::desconhecido_permitido`]) and `emailVendedor` is not blank.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        self.veiculo.tipo_crv.exigir_conhecido("veiculo.tipoCrv")?;
        construtor::exigir_texto("emailVendedor", &self.email_vendedor)
    }
}

renave_domain::construtor_requisicao! {
    SolicitacaoEntradaEstoque => ConstrutorSolicitacaoEntradaEstoque {
        obrigatorios {
            cpf_operador_responsavel: Cpf,
            data_compra: Data,
            valor_compra: Valor,
            email_vendedor: String,
            veiculo: VeiculoEntradaEstoque,
        }
        opcionais {
            email_estabelecimento: String,
        }
    }
}

impl SolicitacaoEntradaEstoqueVeiculoProprio {
    /// The checks of the builder: `veiculo.tipoCrv` is a code the SDK knows (or one built with
    /// [`TipoCrv::desconhecido_permitido`]).
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        self.veiculo.tipo_crv.exigir_conhecido("veiculo.tipoCrv")
    }
}

renave_domain::construtor_requisicao! {
    SolicitacaoEntradaEstoqueVeiculoProprio => ConstrutorSolicitacaoEntradaEstoqueVeiculoProprio {
        obrigatorios {
            cpf_operador_responsavel: Cpf,
            data_entrada_estoque: Data,
            veiculo: VeiculoEntradaEstoqueProprio,
        }
        opcionais {}
    }
}

impl SolicitacaoSaidaEstoque {
    /// Checks what the field types cannot: `emailEstabelecimento` ("E-mail do estabelecimento
    /// é obrigatório", `renave-ws.md` §2) and the buyer's (*comprador*, §5.4) `nome`, `email`
    /// and `endereco.numero`. The client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        let op = SOLICITAR_SAIDA_ESTOQUE.name;
        self.verificar().map_err(|e| entrada_de_dominio(op, &e))?;
        validar_email(op, "emailEstabelecimento", &self.email_estabelecimento)?;
        validar_comprador(op, &self.comprador)
    }

    /// The checks of the builder: `emailEstabelecimento` and the buyer's `nome` are not blank.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        construtor::exigir_texto("emailEstabelecimento", &self.email_estabelecimento)?;
        construtor::exigir_texto("comprador.nome", &self.comprador.nome)
    }
}

renave_domain::construtor_requisicao! {
    SolicitacaoSaidaEstoque => ConstrutorSolicitacaoSaidaEstoque {
        obrigatorios {
            data_venda: Data,
            valor_venda: Valor,
            cpf_operador_responsavel: Cpf,
            email_estabelecimento: String,
            comprador: Comprador,
            veiculo: VeiculoSaidaEstoque,
        }
        opcionais {}
    }
}

impl ConsultaAptidao {
    /// The check of a query read back: `tipoCrv` is a code the SDK knows (a code read from JSON
    /// is never one built with [`TipoCrv::desconhecido_permitido`]).
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        self.tipo_crv.exigir_conhecido("tipoCrv")
    }
}

impl EnvioNotaFiscal {
    /// The check of a body read back: `evento` is a code the SDK knows (`COMPRA`, `VENDA`).
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        self.evento.exigir_conhecido("evento")
    }
}

impl ConsultaEstoques {
    /// The check of a query read back: `estadoEstoque`, when given, is a state the SDK knows.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        match &self.estado_estoque {
            Some(e) => e.exigir_conhecido("estadoEstoque"),
            None => Ok(()),
        }
    }
}

requisicao_validada!(
    ConsultaAptidao => verificar,
    SolicitacaoEntradaEstoque => validar,
    SolicitacaoEntradaEstoqueVeiculoProprio => verificar,
    EnvioNotaFiscal => verificar,
    ConsultaEstoques => verificar,
    SolicitacaoSaidaEstoque => validar,
);

/// Why an E3 request was refused before sending (*proprietário é o próprio estabelecimento*):
/// the current owner it names (`veiculo.documentoProprietarioAtual`) is the CNPJ of the
/// client's certificate. E3 is the entrada of a used vehicle **bought from a third party**; the
/// manual's rule (M3, `renave-ws.md` §4 E3) is that the establishment cannot be the owner — a
/// vehicle already registered to the establishment enters its stock with E4
/// ([`solicitar_entrada_estoque_veiculo_proprio`](crate::RenaveWsUsados::solicitar_entrada_estoque_veiculo_proprio)).
///
/// It is the `fonte` of the [`Erro::EntradaInvalida`] the client answers (downcast it to tell
/// this case apart); nothing was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the current owner is the establishment of the certificate: E3 is for a vehicle bought from \
     a third party; use E4 `solicitar_entrada_estoque_veiculo_proprio`"
)]
#[non_exhaustive]
pub struct ProprietarioEhOEstabelecimento;

impl SolicitacaoEntradaEstoque {
    /// Checks the request against the establishment that would send it (the CNPJ of the
    /// client's certificate, [`ClienteRenaveWs::cnpj`](crate::ClienteRenaveWs::cnpj)): the
    /// current owner must not be that establishment (M3). The client runs it before sending
    /// whenever it knows its CNPJ.
    ///
    /// ```
    /// use renave_domain::{Cnpj, TipoCrv};
    /// use renave_ws_client::operacoes::usados::{
    ///     ProprietarioEhOEstabelecimento, SolicitacaoEntradaEstoque, VeiculoEntradaEstoque,
    /// };
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let loja: Cnpj = "11222333000181".parse()?;
    /// let entrada = SolicitacaoEntradaEstoque::builder()
    ///     .cpf_operador_responsavel("52998224725".parse::<renave_domain::Cpf>()?)
    ///     .data_compra("2025-10-09".parse::<renave_domain::Data>()?)
    ///     .valor_compra("45000.00".parse::<renave_domain::Valor>()?)
    ///     .email_vendedor("vendedor@example.com")
    ///     .veiculo(VeiculoEntradaEstoque {
    ///         codigo_seguranca_crv: "12345678901".parse()?,
    ///         tipo_crv: TipoCrv::Digital,
    ///         numero_crv: None,
    ///         placa: "ABC1D23".parse()?,
    ///         renavam: "12345678900".parse()?,
    ///         quilometragem_hodometro: 42_000,
    ///         data_hora_medicao_hodometro: "2025-10-09T10:00:00".parse()?,
    ///         documento_proprietario_atual: "11222333000181".parse()?,
    ///     })
    ///     .build()?;
    /// let erro = entrada.verificar_estabelecimento(&loja).unwrap_err();
    /// assert!(std::error::Error::source(&erro)
    ///     .is_some_and(|f| f.is::<ProprietarioEhOEstabelecimento>()));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] on `veiculo.documentoProprietarioAtual`, whose source is
    /// [`ProprietarioEhOEstabelecimento`].
    pub fn verificar_estabelecimento(&self, cnpj: &renave_domain::Cnpj) -> Result<(), Erro> {
        match &self.veiculo.documento_proprietario_atual {
            CpfCnpj::Cnpj(dono) if dono == cnpj => Err(proprietario_eh_o_estabelecimento()),
            _ => Ok(()),
        }
    }
}

fn proprietario_eh_o_estabelecimento() -> Erro {
    Erro::EntradaInvalida {
        operacao: SOLICITAR_ENTRADA_ESTOQUE.name.to_owned(),
        campo: "veiculo.documentoProprietarioAtual".to_owned(),
        motivo: ProprietarioEhOEstabelecimento.to_string(),
        fonte: Some(Box::new(ProprietarioEhOEstabelecimento)),
    }
}

/// The checks that need the client (its certificate's CNPJ), run by the client once per call
/// after the request's own `validar` and before anything is sent: today E3's "the establishment
/// cannot be the current owner" (M3). Reads the request's JSON body, so it holds for any way of
/// building it.
pub(crate) fn verificar_no_cliente(
    operacao: &str,
    corpo: Option<&[u8]>,
    cnpj: Option<&renave_domain::Cnpj>,
) -> Result<(), Erro> {
    if operacao != SOLICITAR_ENTRADA_ESTOQUE.name {
        return Ok(());
    }
    let (Some(cnpj), Some(corpo)) = (cnpj, corpo) else {
        return Ok(());
    };
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(corpo) else {
        return Ok(());
    };
    let veiculo = &v["veiculo"];
    if veiculo["tipoDocumentoProprietarioAtual"] == "CNPJ"
        && veiculo["documentoProprietarioAtual"] == cnpj.as_str()
    {
        return Err(proprietario_eh_o_estabelecimento());
    }
    Ok(())
}

/// The builder-level checks of a buyer (*comprador*, §5.4): `nome` and `email` are not blank.
pub(crate) fn exigir_comprador(comprador: &Comprador) -> Result<(), ErroDominio> {
    construtor::exigir_texto("comprador.nome", &comprador.nome)?;
    construtor::exigir_texto("comprador.email", &comprador.email)
}

/// The client's input error for a request the domain check refused (the field and reason; the
/// domain error never holds the value).
pub(crate) fn entrada_de_dominio(operacao: &str, erro: &ErroDominio) -> Erro {
    Erro::entrada(operacao, erro.tipo(), erro.motivo().to_string())
}

impl EnvioAssinaturaVendedor {
    /// Checks that every document of the chosen signature form (`renave-ws.md` §4 E5) is
    /// non-empty, valid base64 ([`DocumentoBase64`]'s text is public, so the type alone cannot
    /// promise it). The client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        let op = ENVIAR_ASSINATURA_VENDEDOR_ATPV.name;
        match &self.assinatura {
            AssinaturaVendedor::ProprioPunhoAtpve {
                foto_atpve_assinado,
            } => validar_documento(
                op,
                "fotoAtpveAssinadoDeProprioPunhoBase64",
                foto_atpve_assinado,
            ),
            AssinaturaVendedor::ProprioPunhoAtpvPapelMoeda {
                foto_atpv_papel_moeda_assinado,
            } => validar_documento(
                op,
                "fotoAtpvPapelMoedaAssinadoBase64",
                foto_atpv_papel_moeda_assinado,
            ),
            AssinaturaVendedor::QualificadaP7sSobreXmlAtpve {
                assinatura_qualificada_p7s,
            } => validar_documento(
                op,
                "assinaturaQualificadaP7sBase64",
                assinatura_qualificada_p7s,
            ),
            AssinaturaVendedor::QualificadaP7sSobreFotoAtpvPapelMoeda {
                assinatura_qualificada_p7s,
                foto_atpv_papel_moeda_sem_assinatura,
            } => {
                validar_documento(
                    op,
                    "assinaturaQualificadaP7sBase64",
                    assinatura_qualificada_p7s,
                )?;
                match foto_atpv_papel_moeda_sem_assinatura {
                    Some(d) => validar_documento(op, "fotoAtpvPapelMoedaSemAssinaturaBase64", d),
                    None => Ok(()),
                }
            }
        }
    }
}

/// A document of a request must decode (base64) to at least one byte.
fn validar_documento(
    operacao: &str,
    campo: &'static str,
    documento: &DocumentoBase64,
) -> Result<(), Erro> {
    match documento.bytes(campo) {
        Ok(b) if b.is_empty() => Err(Erro::entrada(operacao, campo, "empty document")),
        Ok(_) => Ok(()),
        Err(e) => Err(Erro::EntradaInvalida {
            operacao: operacao.to_owned(),
            campo: campo.to_owned(),
            motivo: "not valid base64".to_owned(),
            fonte: Some(Box::new(e)),
        }),
    }
}

/// Every endpoint of this group, for tables and overrides.
pub const ENDPOINTS: &[Endpoint] = &[
    CONSULTAR_CLIENTE_AUTENTICADO,
    CONSULTAR_APTIDAO_VEICULO_ESTOQUE,
    SOLICITAR_ENTRADA_ESTOQUE,
    SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO,
    ENVIAR_ASSINATURA_VENDEDOR_ATPV,
    CONSULTAR_ULTIMA_ASSINATURA_ATPV,
    OBTER_PDF_ATPV,
    OBTER_PDF_ATPV_POR_PLACA_RENAVAM,
    OBTER_ATPV_POR_ID,
    ENVIAR_NOTA_FISCAL,
    CONSULTAR_ESTOQUES,
    CONSULTAR_ESTOQUE,
    OBTER_TERMO_ENTRADA_ESTOQUE,
    SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE,
    SOLICITAR_SAIDA_ESTOQUE,
    OBTER_TERMO_SAIDA_ESTOQUE,
    SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE,
    OBTER_CRLVE,
    OBTER_PDF_CODIGO_SEGURANCA_CRV,
    CONSULTAR_MUNICIPIOS,
    CONSULTAR_VEICULO,
];

// ---------------------------------------------------------------------------------------------
// Operations (the request type of each one, `renave_http::Operacao`)
// ---------------------------------------------------------------------------------------------

/// E1: no parameters.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct ConsultaClienteAutenticado;

/// `{placa}/{renavam}` of E6, E8, E18 and E19, one type per operation.
macro_rules! placa_renavam {
    ($($tipo:ident),*) => {$(
        /// `{placa}/{renavam}`.
        #[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
        pub(crate) struct $tipo<'a> {
            pub(crate) placa: &'a Placa,
            pub(crate) renavam: &'a Renavam,
        }
    )*};
}
placa_renavam!(
    ConsultaUltimaAssinaturaAtpv,
    ObterPdfAtpvPorPlacaRenavam,
    ObterCrlve,
    ObterPdfCodigoSegurancaCrv
);

/// `?chassi=` of E7 and E22, one type per operation.
macro_rules! por_chassi {
    ($($tipo:ident),*) => {$(
        /// `?chassi=`.
        #[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
        pub(crate) struct $tipo<'a> {
            pub(crate) chassi: &'a Chassi,
        }
    )*};
}
por_chassi!(ObterPdfAtpv, ConsultaVeiculo);

/// E9 `{idAtpv}`.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct ObterAtpvPorId {
    #[serde(rename = "idAtpv")]
    pub(crate) id_atpv: IdAtpv,
}

/// `{idEstoque}` of E12, E13 and E16, one type per operation.
macro_rules! por_id_estoque {
    ($($tipo:ident),*) => {$(
        /// `{idEstoque}`.
        #[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
        pub(crate) struct $tipo {
            #[serde(rename = "idEstoque")]
            pub(crate) id_estoque: IdEstoque,
        }
    )*};
}
por_id_estoque!(
    ConsultaEstoque,
    ObterTermoEntradaEstoque,
    ObterTermoSaidaEstoque
);

operacao!(ConsultaClienteAutenticado => CONSULTAR_CLIENTE_AUTENTICADO, ClienteAutenticado);
operacao!(ConsultaAptidao => CONSULTAR_APTIDAO_VEICULO_ESTOQUE, AptidaoVeiculoEstoque, verificar);
operacao!(SolicitacaoEntradaEstoque => SOLICITAR_ENTRADA_ESTOQUE, Estoque, validar);
operacao!(SolicitacaoEntradaEstoqueVeiculoProprio => SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO, Estoque, verificar);
operacao!(EnvioAssinaturaVendedor => ENVIAR_ASSINATURA_VENDEDOR_ATPV, Confirmacao, validar);
operacao!(['a] ConsultaUltimaAssinaturaAtpv<'a> => CONSULTAR_ULTIMA_ASSINATURA_ATPV, AssinaturaAtpv);
operacao!(['a] ObterPdfAtpv<'a> => OBTER_PDF_ATPV, PdfAtpv);
operacao!(['a] ObterPdfAtpvPorPlacaRenavam<'a> => OBTER_PDF_ATPV_POR_PLACA_RENAVAM, PdfAtpv);
operacao!(ObterAtpvPorId => OBTER_ATPV_POR_ID, PdfAtpv);
operacao!(EnvioNotaFiscal => ENVIAR_NOTA_FISCAL, Confirmacao, verificar);
operacao!(ConsultaEstoques => CONSULTAR_ESTOQUES, ItensRecebidos<Estoque>, verificar);
operacao!(ConsultaEstoque => CONSULTAR_ESTOQUE, Estoque);
operacao!(ObterTermoEntradaEstoque => OBTER_TERMO_ENTRADA_ESTOQUE, TermoEntradaEstoque);
operacao!(SolicitacaoCancelamentoEntradaEstoque => SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE, Estoque);
operacao!(SolicitacaoSaidaEstoque => SOLICITAR_SAIDA_ESTOQUE, Estoque, validar);
operacao!(ObterTermoSaidaEstoque => OBTER_TERMO_SAIDA_ESTOQUE, TermoSaidaEstoque);
operacao!(SolicitacaoCancelamentoSaidaEstoque => SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE, Estoque);
operacao!(['a] ObterCrlve<'a> => OBTER_CRLVE, Crlve);
operacao!(['a] ObterPdfCodigoSegurancaCrv<'a> => OBTER_PDF_CODIGO_SEGURANCA_CRV, Crlve);
operacao!(ConsultaMunicipios => CONSULTAR_MUNICIPIOS, ItensRecebidos<Municipio>);
operacao!(['a] ConsultaVeiculo<'a> => CONSULTAR_VEICULO, VeiculoRenave);
