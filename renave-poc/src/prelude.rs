//! The names every section module of the run uses, imported once (`use crate::prelude::*`).

pub(crate) use std::time::Duration;

pub(crate) use renave_domain::{
    AvaliacaoAptidao, Categoria, Chassi, ChaveNfe, Cnpj, CodigoMunicipio, CodigoSegurancaCrv,
    CodigoTaxa, Combustivel, Cor, Cpf, CpfCnpj, Data, DataHora, DocumentoId, Especie,
    EstadoEstoque, EventoNotaFiscal, ItemAptidao, NumeroCrv, Placa, Recebido, Renavam,
    ResultadoAptidao, SentidoSolicitacao, TipoCrv, TipoVeiculo, Uf, ValidadeIndeterminada,
    ValidadeLaudo, Valor, ocultar_cpfs,
};
pub(crate) use renave_mg_client::operacoes::agenda::{Agendamento, ConsultaPeriodosAtendimento};
pub(crate) use renave_mg_client::operacoes::dae::EmissaoGuiaDae;
pub(crate) use renave_mg_client::operacoes::estoque::{
    ConsultaAptidaoVeiculoEstoque, ConsultaSolicitacaoTransferencia, RespostaAptidaoVeiculoEstoque,
    SolicitacaoTransferencia,
};
pub(crate) use renave_mg_client::operacoes::protocolo_digital::{
    ConsultaProtocoloRenave, ConsultaVeiculosComunicacaoVenda, DocumentoAnexo,
    ProcessoTransferencia, RegularizacaoPendencia, UploadFichaCadastro,
};
pub(crate) use renave_mg_client::operacoes::tabelas_auxiliares::{
    ItemTabelaAuxiliar, RespostaTabelaAuxiliar,
};
pub(crate) use renave_mg_client::operacoes::vistoria::{
    CompradorChassi, ConsultaRegioesMunicipio, DistribuicaoVeiculoEcv,
};
pub(crate) use renave_mg_client::{ClienteCetMg, Identificador, Retorno};
pub(crate) use renave_simulador::SimuladoresRenave;
pub(crate) use renave_simulador::cetmg::SimuladorCetMg;
pub(crate) use renave_simulador::renave_ws::{SimuladorRenaveWs, SituacaoInicial};
pub(crate) use renave_ws_client::helpers::{OpcoesEspera, aguardar_estado};
pub(crate) use renave_ws_client::modelos::{
    Comprador, DocumentoBase64, EnderecoComprador, Estoque, IdEstoque,
};
pub(crate) use renave_ws_client::operacoes::usados::{
    AssinaturaVendedor, ConsultaAptidao, ConsultaMunicipios, EnvioAssinaturaVendedor,
    EnvioNotaFiscal, SolicitacaoEntradaEstoque, SolicitacaoSaidaEstoque,
};
pub(crate) use renave_ws_client::{ClienteRenaveWs, Erro as ErroWs};

pub(crate) use renave_mg_client::simulador::amostras as amostras_mg;
pub(crate) use renave_ws_client::simulador::amostras as amostras_ws;

pub(crate) use crate::registro::{Esperado, Registro, Resultado};
pub(crate) use crate::roteiro::{
    Bastidores, DECLARACAO_FORMULARIO, DadosPoc, EmEstoque, Etapa, Interrompido, PDF_DEMONSTRACAO,
    Procedimento, Recusa, Roteiro, VeiculoCetMg, VeiculoPoc, VeiculoWs, codigo_no_pdf, doc,
    envelope, mascarar, recusa_mg, recusa_ws, texto_opcional, texto_recebido,
};
pub(crate) use crate::simulado::Simuladores;
