//! Sample requests (*amostras*): valid, realistic requests of the CET-MG API built from the
//! simulated world's seeds (`renave_simulador::mundo`: the establishment, the buyer, the
//! vehicles), written ONCE for the POC, the examples and the tests.
//!
//! Every code is one the simulator's tables list (cor, espécie, combustível, categoria,
//! município de emplacamento `4123`), so a sample is accepted by [`SimuladorCetMg`](super::SimuladorCetMg) as it is;
//! against homologação, replace the fields the live tables decide with struct update syntax
//! (`SolicitacaoTransferencia { codigo_cor, ..amostras::solicitacao_transferencia(&v, c) }`).
//!
//! ```
//! use renave_mg_client::simulador::{SimuladorCetMg, amostras};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let sim = SimuladorCetMg::iniciar().await;
//! let carro = sim.veiculos().into_iter().find(|v| v.is_apto()).unwrap();
//! let pedido = amostras::solicitacao_transferencia(
//!     &amostras::Veiculo::from(&carro),
//!     amostras::estabelecimento().into(),
//! );
//! assert_eq!(pedido.chassi, carro.chassi);
//! # }
//! ```

use renave_domain::{
    Atividade, Categoria, Cep, Chassi, Cnpj, CodigoMunicipio, Combustivel, Cor, Cpf, CpfCnpj, Data,
    DocumentoId, Especie, IsencaoIpva, ModalidadeCompra, Placa, Renavam, TipoVeiculo, Uf, Valor,
};
use renave_simulador::mundo::{CNPJ_ESTABELECIMENTO, CPF_COMPRADOR, NOME_ESTABELECIMENTO};

use super::VeiculoSimulado;
use crate::Identificador;
use crate::operacoes::estoque::{
    ComunicacaoVendaEntradaEstoque, ComunicacaoVendaSaidaEstoque, SolicitacaoTransferencia,
};
use crate::operacoes::protocolo_digital::{ProcessoTransferencia, UploadFichaCadastro};

/// A minimal valid PDF: the document a sample uploads (the APIs accept PDFs only).
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The e-mail of the establishment in the samples.
pub const EMAIL_ESTABELECIMENTO: &str = "loja@example.com";

/// The telephone of the establishment in the samples.
pub const TELEFONE_ESTABELECIMENTO: &str = "3133330000";

/// The município de emplacamento of the samples (MG code, listed by the simulator, R §5.26).
pub const MUNICIPIO_EMPLACAMENTO: &str = "4123";

/// A vehicle as a sample request needs it: its identity and what the solicitação declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Veiculo {
    /// Chassi (VIN).
    pub chassi: Chassi,
    /// Placa.
    pub placa: Placa,
    /// RENAVAM.
    pub renavam: Renavam,
    /// Vehicle type (`codigo_tipo`).
    pub tipo: TipoVeiculo,
    /// Marca/modelo code (`codigo_marca_modelo`).
    pub marca_modelo: String,
}

impl From<&VeiculoSimulado> for Veiculo {
    fn from(v: &VeiculoSimulado) -> Self {
        Self {
            chassi: v.chassi,
            placa: v.placa,
            renavam: v.renavam,
            tipo: v.tipo_veiculo.clone(),
            marca_modelo: v.codigo_marca_modelo.clone(),
        }
    }
}

/// The simulated establishment (`mundo::CNPJ_ESTABELECIMENTO`).
pub fn estabelecimento() -> Cnpj {
    CNPJ_ESTABELECIMENTO.parse().expect("seed CNPJ is valid")
}

/// The simulated private buyer of the saídas (`mundo::CPF_COMPRADOR`).
pub fn comprador() -> Cpf {
    CPF_COMPRADOR.parse().expect("seed CPF is valid")
}

fn cep() -> Cep {
    "30130000".parse().expect("sample CEP is valid")
}

fn municipio() -> CodigoMunicipio {
    MUNICIPIO_EMPLACAMENTO
        .parse()
        .expect("sample município is valid")
}

/// R §6.1.3 / §5.4 *solicitação de transferência* of `v` by the simulated establishment to
/// `comprador`: an entrada when the buyer is the establishment, a saída otherwise (the buyer's
/// name and address follow). A motorcycle declares a motorcycle's cilindrada, potência,
/// passengers, weight and price.
pub fn solicitacao_transferencia(v: &Veiculo, comprador: CpfCnpj) -> SolicitacaoTransferencia {
    let moto = v.tipo.is_motocicleta_ou_motoneta();
    let (nome, endereco) = match comprador {
        CpfCnpj::Cnpj(_) => (NOME_ESTABELECIMENTO, "Av. Afonso Pena"),
        CpfCnpj::Cpf(_) => ("Comprador da POC", "Rua da Bahia"),
    };
    SolicitacaoTransferencia {
        cpf_cnpj_estabelecimento: estabelecimento(),
        placa: v.placa,
        renavam: v.renavam,
        chassi: v.chassi,
        codigo_cor: Cor::Branca,
        cilindrada: Some(if moto { 160 } else { 999 }),
        potencia: Some(if moto { 15 } else { 80 }),
        codigo_tipo: v.tipo.clone(),
        codigo_especie: Especie::Passageiro,
        capacidade_maxima_tracao: None,
        registro_transporte_bens: None,
        numero_passageiros: Some(if moto { 2 } else { 5 }),
        codigo_combustivel: Combustivel::AlcoolGasolina,
        codigo_marca_modelo: Identificador::from(v.marca_modelo.as_str()),
        codigo_carroceria: None,
        capacidade_carga: None,
        numero_eixos: Some(2),
        peso_bruto_total: Some(if moto { 0.3 } else { 1.4 }),
        categoria: Categoria::from("1"),
        atividade: Some(Atividade::Outros),
        nome_comprador: nome.to_owned(),
        cpf_cnpj_comprador: comprador,
        endereco_comprador: endereco.to_owned(),
        numero_endereco_comprador: "1000".to_owned(),
        complemento_comprador: None,
        bairro_comprador: "Centro".to_owned(),
        cep_comprador: cep(),
        endereco_correspondencia: None,
        numero_correspondencia: None,
        complemento_correspondencia: None,
        bairro_correspondencia: None,
        cep_correspondencia: None,
        codigo_municipio_emplacamento: municipio(),
        data_recibo: Data::hoje_brasilia(),
        valor_venda: Valor::from_centavos(if moto { 1_200_000 } else { 4_500_000 })
            .expect("sample price is valid"),
        isencao_ipva: IsencaoIpva::NaoIsento,
        modalidade_compra: ModalidadeCompra::SemFinanciamento,
    }
}

/// R §6.1.8 *comunicação de venda de entrada* of `v` with the signed ATPV-e `numero_atpve`.
pub fn comunicacao_venda_entrada(
    v: &Veiculo,
    numero_atpve: String,
) -> ComunicacaoVendaEntradaEstoque {
    ComunicacaoVendaEntradaEstoque {
        placa: v.placa,
        renavam: v.renavam,
        chassi: v.chassi,
        numero_atpve,
    }
}

/// R §6.2.4 *comunicação de venda de saída* of `v` (CET-MG stock `id_estoque`) to `comprador`
/// with the sale's ATPV-e `numero_atpve`.
pub fn comunicacao_venda_saida(
    v: &Veiculo,
    id_estoque: Identificador,
    comprador: CpfCnpj,
    numero_atpve: String,
) -> ComunicacaoVendaSaidaEstoque {
    ComunicacaoVendaSaidaEstoque {
        id_estoque,
        cpf_cnpj_comprador: comprador,
        placa: v.placa,
        renavam: v.renavam,
        chassi: v.chassi,
        numero_atpve,
    }
}

/// R §7.1 *processo de transferência* opened by the simulated establishment for `v` sold to
/// `adquirente` (in Belo Horizonte). `taxi`: the buyer is a taxi driver (atividade táxi,
/// categoria aluguel), so §7.3 requires the authorization of the public authority (document
/// 284), declared as attached.
pub fn processo_transferencia(
    v: &Veiculo,
    adquirente: CpfCnpj,
    taxi: bool,
) -> ProcessoTransferencia {
    ProcessoTransferencia {
        placa: v.placa,
        chassi: v.chassi,
        renavam: v.renavam,
        marca_modelo: v.marca_modelo.clone(),
        cpf_cnpj_solicitante: CpfCnpj::from(estabelecimento()),
        nome_solicitante: NOME_ESTABELECIMENTO.to_owned(),
        email_solicitante: EMAIL_ESTABELECIMENTO.to_owned(),
        telefone_solicitante: TELEFONE_ESTABELECIMENTO.to_owned(),
        nome_adquirente: "Comprador da POC".to_owned(),
        cpf_cnpj_adquirente: adquirente,
        logradouro_adquirente: "Rua da Bahia".to_owned(),
        numero_adquirente: "500".to_owned(),
        complemento_adquirente: None,
        bairro_adquirente: "Centro".to_owned(),
        cep_adquirente: cep(),
        codigo_ibge_municipio_adquirente: "3106200".parse().expect("IBGE code of Belo Horizonte"),
        nome_municipio_adquirente: "Belo Horizonte".to_owned(),
        uf_adquirente: Uf::Mg,
        atividade: if taxi {
            Atividade::Taxi
        } else {
            Atividade::Outros
        },
        categoria: if taxi {
            Categoria::Aluguel
        } else {
            Categoria::from("1")
        },
        codigo_tipo_veiculo: None,
        tipo_veiculo: v.tipo.clone(),
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
        documentos_anexados: if taxi {
            vec![DocumentoId::AutorizacaoPoderPublico]
        } else {
            Vec::new()
        },
    }
}

/// R §6.2.3 item 6 / §7.5 *ficha de cadastro* (document type `1`, a PDF) sent by the simulated
/// establishment for the protocol `numero_protocolo`.
pub fn ficha_cadastro(numero_protocolo: Identificador) -> UploadFichaCadastro {
    UploadFichaCadastro {
        numero_protocolo,
        tipo_documento: DocumentoId::from("1"),
        cpf_cnpj_remetente: CpfCnpj::from(estabelecimento()),
        mensagem: "Ficha de cadastro do veículo".to_owned(),
        nome: "ficha-cadastro.pdf".to_owned(),
        arquivo: PDF.to_vec(),
    }
}
