//! Sample requests (*amostras*): valid, realistic Renave-WS request bodies built from the
//! simulated world's seeds (`renave_simulador::mundo`: the operator, the buyer, the used
//! vehicles with their CRV), written ONCE for the POC, the examples and the tests.
//!
//! Against homologação, replace what the real service decides with struct update syntax
//! (e.g. the municipality code read from E20).
//!
//! ```
//! use renave_ws_client::simulador::{SimuladorRenaveWs, amostras};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let sim = SimuladorRenaveWs::iniciar().await;
//! let usado = &sim.dados().usados[0];
//! let pedido = amostras::entrada_estoque(&amostras::Veiculo::from(usado), sim.agora());
//! assert_eq!(pedido.veiculo.placa, usado.placa);
//! # }
//! ```

use renave_domain::{
    Cep, CodigoMunicipio, CodigoSegurancaCrv, Cpf, CpfCnpj, DataHora, NumeroCrv, Placa, Renavam,
    TipoCrv, Valor,
};
use renave_simulador::mundo::{CPF_COMPRADOR, CPF_OPERADOR};

use super::VeiculoUsadoSimulado;
use crate::modelos::{Bairro, Comprador, DocumentoBase64, EnderecoComprador, Logradouro};
use crate::operacoes::usados::{
    AssinaturaVendedor, SolicitacaoEntradaEstoque, SolicitacaoSaidaEstoque, VeiculoEntradaEstoque,
    VeiculoSaidaEstoque,
};

/// A minimal valid PDF: the document a sample uploads (the services accept PDFs only).
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The e-mail of the establishment in the samples.
pub const EMAIL_ESTABELECIMENTO: &str = "loja@example.com";

/// The Renave-WS municipality code of the buyers' address in the samples (the simulator's
/// Belo Horizonte, E20).
pub const MUNICIPIO_COMPRADOR: &str = "4123";

/// A used vehicle as a sample request needs it: its identity and the CRV data the lojista types
/// in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Veiculo {
    /// Placa.
    pub placa: Placa,
    /// RENAVAM.
    pub renavam: Renavam,
    /// CRV number (*número do CRV*).
    pub numero_crv: NumeroCrv,
    /// CRV security code (*código de segurança do CRV*).
    pub codigo_seguranca_crv: CodigoSegurancaCrv,
    /// CRV kind.
    pub tipo_crv: TipoCrv,
    /// The seller (owner in the CRV).
    pub proprietario: CpfCnpj,
}

impl From<&VeiculoUsadoSimulado> for Veiculo {
    fn from(v: &VeiculoUsadoSimulado) -> Self {
        Self {
            placa: v.placa,
            renavam: v.renavam,
            numero_crv: v.numero_crv,
            codigo_seguranca_crv: v.codigo_seguranca_crv,
            tipo_crv: v.tipo_crv.clone(),
            proprietario: v.proprietario,
        }
    }
}

/// The simulated operator (`cpfOperadorResponsavel`, `mundo::CPF_OPERADOR`).
pub fn operador() -> Cpf {
    CPF_OPERADOR.parse().expect("seed CPF is valid")
}

/// The simulated private buyer of the saídas (`mundo::CPF_COMPRADOR`).
pub fn comprador() -> Cpf {
    CPF_COMPRADOR.parse().expect("seed CPF is valid")
}

/// E3 *solicitação de entrada em estoque* of `v`, bought and measured at `agora` (the
/// simulator's clock, [`SimuladorRenaveWs::agora`](super::SimuladorRenaveWs::agora)) for
/// R$ 42.000,00 with 52,000 km.
pub fn entrada_estoque(v: &Veiculo, agora: DataHora) -> SolicitacaoEntradaEstoque {
    SolicitacaoEntradaEstoque {
        cpf_operador_responsavel: operador(),
        data_compra: agora.data(),
        valor_compra: Valor::from_centavos(4_200_000).expect("sample price is valid"),
        email_estabelecimento: Some(EMAIL_ESTABELECIMENTO.to_owned()),
        email_vendedor: "vendedor@example.com".to_owned(),
        veiculo: VeiculoEntradaEstoque {
            codigo_seguranca_crv: v.codigo_seguranca_crv,
            tipo_crv: v.tipo_crv.clone(),
            numero_crv: Some(v.numero_crv),
            placa: v.placa,
            renavam: v.renavam,
            quilometragem_hodometro: 52_000,
            data_hora_medicao_hodometro: agora,
            documento_proprietario_atual: v.proprietario,
        },
    }
}

/// The buyer of the saídas: the simulated private buyer, living in Belo Horizonte
/// ([`MUNICIPIO_COMPRADOR`]).
pub fn comprador_saida() -> Comprador {
    Comprador {
        documento: CpfCnpj::from(comprador()),
        nome: "Comprador da POC".to_owned(),
        email: "comprador@example.com".to_owned(),
        endereco: EnderecoComprador {
            codigo_municipio: MUNICIPIO_COMPRADOR
                .parse::<CodigoMunicipio>()
                .expect("sample municipality is valid"),
            cep: "30130000".parse::<Cep>().expect("sample CEP is valid"),
            logradouro: Logradouro::new("Rua da Bahia").expect("sample street is valid"),
            numero: "500".to_owned(),
            bairro: Bairro::new("Centro").expect("sample district is valid"),
            complemento: None,
        },
    }
}

/// E15 *solicitação de saída de estoque* of `v` sold at `agora` for R$ 45.000,00 to
/// [`comprador_saida`], with the CRV security code `codigo` (the new one, issued to the
/// establishment at `CONFIRMADO`).
pub fn saida_estoque(
    v: &Veiculo,
    codigo: CodigoSegurancaCrv,
    agora: DataHora,
) -> SolicitacaoSaidaEstoque {
    SolicitacaoSaidaEstoque {
        data_venda: agora.data(),
        valor_venda: Valor::from_centavos(4_500_000).expect("sample price is valid"),
        cpf_operador_responsavel: operador(),
        email_estabelecimento: EMAIL_ESTABELECIMENTO.to_owned(),
        comprador: comprador_saida(),
        veiculo: VeiculoSaidaEstoque {
            codigo_seguranca_crv: codigo,
            numero_crv: None,
            placa: v.placa,
            renavam: v.renavam,
        },
    }
}

/// E5 the seller's handwritten signature on the ATPV-e (*assinatura de próprio punho*, the
/// photo of the signed ATPV-e as a PDF).
pub fn assinatura_proprio_punho() -> AssinaturaVendedor {
    AssinaturaVendedor::ProprioPunhoAtpve {
        foto_atpve_assinado: DocumentoBase64::codificar(PDF),
    }
}
